package dev.sparring.controlplane.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's validated settings. Every default lives in {@code config/control-plane.properties}
 * (bundled on the classpath); secrets come from the environment only.
 */
public record ControlPlaneConfig(
        String bindAddress,
        int httpPort,
        URI publicUrl,
        URI mediaServerPublicUrl,
        Path dataDir,
        Path catalogDir,
        String defaultScenario,
        Optional<String> databaseUrl,
        String databaseUser,
        Optional<String> databasePassword,
        int databasePoolSize,
        int embeddedPostgresPort,
        Duration sessionTokenTtl,
        Duration callConnectTimeout,
        Duration heartbeatTimeout,
        Duration missingEventsGrace,
        Duration reaperInterval,
        Duration injectionForwardTimeout,
        int maxRequestBytes,
        int pageSizeDefault,
        int pageSizeMax,
        Duration liveKeepaliveInterval,
        Optional<String> twilioAuthToken,
        Optional<String> apiKey) {

    public static final String DEFAULTS_RESOURCE = "control-plane.properties";
    public static final String ENV_PREFIX = "SPARRING_CP_";

    /** Reads and validates every setting; secrets from {@code env}. */
    public static ControlPlaneConfig from(Settings s, Map<String, String> env) {
        int pageDefault = s.integer("page-size-default", 1, 1000);
        int pageMax = s.integer("page-size-max", 1, 1000);
        if (pageDefault > pageMax) {
            throw new ConfigException("setting 'page-size-default' (" + pageDefault
                    + ") is larger than 'page-size-max' (" + pageMax + ")");
        }
        return new ControlPlaneConfig(
                s.string("bind-address"),
                s.integer("http-port", 0, 65535),
                s.uri("public-url", "http", "https"),
                s.uri("media-server-public-url", "ws", "wss"),
                s.path("data-dir"),
                s.path("catalog-dir"),
                s.string("default-scenario"),
                s.optional("database-url"),
                s.string("database-user"),
                secret(env, "SPARRING_DATABASE_PASSWORD"),
                s.integer("database-pool-size", 1, 500),
                s.integer("embedded-postgres-port", 0, 65535),
                positive(s, "session-token-ttl"),
                positive(s, "call-connect-timeout"),
                positive(s, "heartbeat-timeout"),
                positive(s, "missing-events-grace"),
                positive(s, "reaper-interval"),
                positive(s, "injection-forward-timeout"),
                s.integer("max-request-bytes", 1024, 256 * 1024 * 1024),
                pageDefault,
                pageMax,
                positive(s, "live-keepalive-interval"),
                secret(env, "TWILIO_AUTH_TOKEN"),
                secret(env, "SPARRING_API_KEY"));
    }

    /** Loads the bundled defaults with the process's overrides. */
    public static ControlPlaneConfig load(Optional<Path> overrideFile) {
        Settings settings = Settings.load(DEFAULTS_RESOURCE, overrideFile, ENV_PREFIX, System.getenv(),
                System.getProperties());
        return from(settings, System.getenv());
    }

    /** The URL Twilio connects its Media Stream to. */
    public String mediaStreamUrl() {
        String base = mediaServerPublicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/twilio/stream";
    }

    private static Duration positive(Settings s, String key) {
        Duration d = s.duration(key);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException("setting '" + key + "' must be longer than zero");
        }
        return d;
    }

    private static Optional<String> secret(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Secrets are never printed: the record's default toString would leak them. */
    @Override
    public String toString() {
        return "ControlPlaneConfig[http=" + bindAddress + ":" + httpPort + ", public-url=" + publicUrl
                + ", media-server-public-url=" + mediaServerPublicUrl + ", data-dir=" + dataDir
                + ", database=" + databaseUrl.orElse("embedded") + ", twilio-auth-token="
                + (twilioAuthToken.isPresent() ? "set" : "unset") + "]";
    }
}
