package dev.sparring.controlplane;

import dev.sparring.controlplane.config.ConfigException;
import dev.sparring.controlplane.config.ControlPlaneConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the control plane: {@code Main [--config FILE]}. Stops gracefully on SIGTERM/SIGINT. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                configFile = Optional.of(Path.of(args[++i]));
            } else {
                System.err.println("usage: control-plane [--config FILE]");
                System.exit(2);
            }
        }
        ControlPlaneConfig config;
        try {
            config = ControlPlaneConfig.load(configFile);
        } catch (ConfigException e) {
            System.err.println("control plane: " + e.getMessage());
            System.exit(2);
            return;
        }
        ControlPlane controlPlane = new ControlPlane(config, Clock.systemUTC(), System.getenv());
        try {
            controlPlane.start();
        } catch (Exception e) {
            log.error("control plane failed to start: {}", e.getMessage(), e);
            controlPlane.close();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("control plane stopping");
            controlPlane.close();
        }, "cp-shutdown"));

        String base = controlPlane.baseUrl();
        StringBuilder banner = new StringBuilder("\n  Sparring control plane is up\n")
                .append("  API            ").append(base).append("/api/scenarios\n")
                .append("  Twilio webhook ").append(config.publicUrl()).append("/twilio/voice\n")
                .append("  Media streams  ").append(config.mediaStreamUrl()).append('\n')
                .append("  Metrics        ").append(base).append("/metrics\n")
                .append("  Database       ").append(config.databaseUrl().orElse("embedded PostgreSQL in "
                        + config.dataDir().resolve("postgres") + controlPlane.embeddedPostgresPort().map(p -> " (port " + p + ")").orElse("")))
                .append('\n');
        controlPlane.bootstrap().generatedApiKey().ifPresent(key -> banner
                .append("  Admin API key  ").append(key).append("   (shown once; set SPARRING_API_KEY to choose your own)\n"));
        // Printed, not logged: the generated key must not end up in log files.
        System.out.println(banner);
    }
}
