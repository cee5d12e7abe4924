package dev.sparring.media;

import dev.sparring.media.config.ConfigException;
import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.controlplane.SharedSecrets;
import dev.sparring.media.server.MediaServer;
import dev.sparring.media.server.PipelineFactoryProvider;
import java.time.Clock;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the media server with config/media-server.properties, the environment and system properties. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        MediaServer server;
        MediaServerConfig config;
        try {
            config = MediaServerConfig.load();
            SharedSecrets secrets = SharedSecrets.load(System.getenv(), config.dataDir());
            server = MediaServer.start(config, secrets, pipelineFactory(), Clock.systemUTC());
        } catch (MediaServerException e) {
            log.error("media server cannot start: {}", e.getMessage(), e);
            System.exit(2);
            return;
        }
        log.info("health   http://127.0.0.1:{}/health, readiness /ready, Prometheus /metrics", server.port());
        log.info("Twilio   {} (signature checks {})", config.twilioStreamUrl(),
                config.twilioAuthToken().isPresent() ? "on" : "OFF: twilio-auth-token is empty");
        log.info("control plane {} ; this server announces itself as {} ({})", config.controlPlaneUrl(),
                config.internalUrl(), config.serverId());
        log.info("outbox {} (cap {} bytes), data dir {}", config.outboxDir().toAbsolutePath(), config.outboxCapBytes(),
                config.dataDir().toAbsolutePath());
        MediaServerConfig finalConfig = config;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.drain(finalConfig.drainGracePeriod()), "drain"));
    }

    /**
     * The one place that chooses the call pipeline: the first {@link PipelineFactoryProvider} registered in
     * {@code META-INF/services/dev.sparring.media.server.PipelineFactoryProvider}.
     */
    static PipelineFactoryProvider pipelineFactory() {
        return ServiceLoader.load(PipelineFactoryProvider.class).findFirst()
                .orElseThrow(() -> new ConfigException("no dev.sparring.media.server.PipelineFactoryProvider is registered "
                        + "in META-INF/services; the call pipeline module is missing from the classpath"));
    }
}
