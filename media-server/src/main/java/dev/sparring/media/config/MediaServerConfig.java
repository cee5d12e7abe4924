package dev.sparring.media.config;

import dev.sparring.media.pipeline.PipelineConfig;
import dev.sparring.media.pipeline.PipelineException;
import dev.sparring.media.pipeline.PlayoutConfig;
import dev.sparring.media.pipeline.TurnTakingConfig;
import dev.sparring.media.providers.local.FreeTtsConfig;
import dev.sparring.media.providers.ProviderSettings;
import dev.sparring.media.providers.replay.ReplayConfig;
import dev.sparring.media.webrtc.WebRtcConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media server's settings, validated at startup.
 *
 * <p>Defaults live only in {@code config/media-server.properties} (shipped in the jar); each key is
 * overridden by the environment variable {@code SPARRING_MS_<KEY_UPPER_SNAKE>} and then by the
 * system property {@code sparring.<key>}. The Twilio auth token is also read from
 * {@code TWILIO_AUTH_TOKEN}. The call pipeline's settings ({@link PipelineConfig}: turn-taking and
 * playout) and the offline providers' ({@link FreeTtsConfig}, {@link ReplayConfig}) are read from
 * the same file into their records, so an invalid one also stops startup with its key named.
 */
public record MediaServerConfig(
        int httpPort,
        String bindAddress,
        URI publicUrl,
        URI internalUrl,
        URI controlPlaneUrl,
        Duration controlPlaneTimeout,
        Duration controlPlaneMaxBackoff,
        Path dataDir,
        String serverId,
        Optional<Tls> tls,
        Duration maxCallDuration,
        Duration silenceTimeout,
        int maxConcurrentCallsPerOrg,
        Duration eventBatchInterval,
        Path outboxDir,
        long outboxCapBytes,
        Duration drainGracePeriod,
        int maxFrameBytes,
        int startupBufferFrames,
        Optional<String> twilioAuthToken,
        PipelineConfig pipeline,
        FreeTtsConfig freeTts,
        ReplayConfig replay,
        ProviderSettings providers,
        WebRtcConfig webrtc) {

    /** Prefix of the environment variables that override settings (the control plane uses {@code SPARRING_CP_}). */
    public static final String ENV_PREFIX = "SPARRING_MS_";
    /** Classpath location of the defaults file. */
    public static final String DEFAULTS_RESOURCE = "config/media-server.properties";
    /** Path of the Twilio Media Streams WebSocket on this server. */
    public static final String TWILIO_STREAM_PATH = "/twilio/stream";

    /** PEM certificate chain and PKCS#8 key used to serve wss/https directly. */
    public record Tls(Path certificate, Path privateKey) {}

    /** The URL Twilio signs for the stream upgrade: the public URL plus the stream path. */
    public String twilioStreamUrl() {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TWILIO_STREAM_PATH;
    }

    /** Loads defaults, then the process environment, then system properties. */
    public static MediaServerConfig load() {
        return load(System.getenv(), System.getProperties());
    }

    /** Loads defaults from the classpath and applies the given overrides (tests pass their own). */
    public static MediaServerConfig load(Map<String, String> env, Properties systemProperties) {
        Properties defaults = new Properties();
        try (InputStream in = MediaServerConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("defaults file " + DEFAULTS_RESOURCE + " is not on the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                defaults.load(reader);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> values = new HashMap<>();
        for (String key : defaults.stringPropertyNames()) {
            values.put(key, defaults.getProperty(key).trim());
        }
        String twilioToken = env.get("TWILIO_AUTH_TOKEN");
        if (twilioToken != null) {
            values.put("twilio-auth-token", twilioToken.trim());
        }
        for (String key : defaults.stringPropertyNames()) {
            String envValue = env.get(envName(key));
            if (envValue != null) {
                values.put(key, envValue.trim());
            }
            String sysValue = systemProperties.getProperty("sparring." + key);
            if (sysValue != null) {
                values.put(key, sysValue.trim());
            }
        }
        return fromValues(values);
    }

    /** {@code http-port} → {@code SPARRING_MS_HTTP_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static MediaServerConfig fromValues(Map<String, String> values) {
        Values r = new Values(values);
        Optional<Path> cert = r.optionalPath("tls-cert");
        Optional<Path> key = r.optionalPath("tls-key");
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException("tls-cert and tls-key must be set together (only "
                    + (cert.isPresent() ? "tls-cert" : "tls-key") + " is set)");
        }
        Optional<Tls> tls = cert.map(c -> new Tls(c, key.orElseThrow()));
        Duration batch = r.duration("event-batch-interval");
        if (batch.compareTo(Duration.ofSeconds(1)) > 0 || batch.toMillis() < 10) {
            throw new ConfigException("event-batch-interval must be between 10ms and 1s, was " + batch.toMillis() + "ms");
        }
        URI publicUrl = r.uri("public-url", "ws", "wss");
        return new MediaServerConfig(
                r.intInRange("http-port", 0, 65535),
                r.nonBlank("bind-address"),
                publicUrl,
                r.uri("internal-url", "http", "https"),
                r.uri("control-plane-url", "http", "https"),
                r.positiveDuration("control-plane-timeout"),
                r.positiveDuration("control-plane-max-backoff"),
                r.path("data-dir"),
                r.nonBlank("server-id"),
                tls,
                r.positiveDuration("max-call-duration"),
                r.positiveDuration("silence-timeout"),
                r.intInRange("max-concurrent-calls-per-org", 1, 1_000_000),
                batch,
                r.path("outbox-dir"),
                r.size("outbox-cap", 64 * 1024),
                r.duration("drain-grace-period"),
                (int) r.size("max-frame-size", 1024),
                r.intInRange("startup-buffer-frames", 0, 10_000),
                r.optional("twilio-auth-token"),
                pipeline(r),
                r.build(() -> new FreeTtsConfig(
                        r.intInRange("freetts-threads", 1, 64),
                        r.intInRange("freetts-queue", 1, 1_000_000),
                        r.size("freetts-cache", 0),
                        r.millis("freetts-chunk"))),
                r.build(() -> new ReplayConfig(
                        r.path("scripts-dir"),
                        r.millis("replay-hangover"),
                        r.millis("replay-min-segment"),
                        r.millis("replay-interim-every"),
                        r.millis("replay-word-duration"),
                        r.millis("replay-backchannel-max"))),
                r.build(() -> new ProviderSettings(
                        r.nonBlank("stt-provider"),
                        r.nonBlank("llm-provider"),
                        r.nonBlank("tts-provider"),
                        r.nonBlank("pipeline-mode"),
                        r.nonBlank("deepgram-model"),
                        r.nonBlank("deepgram-language"),
                        r.nonBlank("openai-model"),
                        r.nonBlank("elevenlabs-model"),
                        r.nonBlank("openai-realtime-model"))),
                webrtc(r));
    }

    private static WebRtcConfig webrtc(Values r) {
        return r.build(() -> new WebRtcConfig(
                r.bool("webrtc-enabled"),
                r.intInRange("webrtc-udp-port", 0, 65535),
                r.list("webrtc-public-addresses").stream().map(a -> r.address("webrtc-public-addresses", a)).toList(),
                List.copyOf(r.list("webrtc-allowed-origins")),
                r.positiveDuration("webrtc-connect-timeout"),
                r.positiveDuration("webrtc-consent-timeout"),
                r.intInRange("webrtc-opus-bitrate", 6_000, 510_000),
                r.intInRange("webrtc-opus-complexity", 0, 10),
                r.duration("webrtc-jitter-min"),
                r.positiveDuration("webrtc-jitter-max")));
    }

    private static PipelineConfig pipeline(Values r) {
        TurnTakingConfig turnTaking = r.build(() -> new TurnTakingConfig(
                r.millis("end-of-turn-silence"),
                r.millis("speech-start"),
                r.millis("final-transcript-wait"),
                r.millis("barge-in-min-speech"),
                r.intInRange("barge-in-min-words", 0, 100),
                r.millis("false-interruption-timeout"),
                r.list("backchannels")));
        PlayoutConfig playout = r.build(() -> new PlayoutConfig(
                r.millis("playout-chunk"),
                r.millis("playout-mark-every"),
                r.millis("playout-lead")));
        int flush = (int) r.millis("stt-flush-timeout");
        return r.build(() -> new PipelineConfig(turnTaking, playout, flush));
    }

    /** Typed, key-naming accessors over the merged string values. */
    private record Values(Map<String, String> values) {
        private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

        /** Builds a settings record whose own validation names the key; reported as a config error. */
        <T> T build(java.util.function.Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (PipelineException | IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }

        boolean bool(String key) {
            return switch (nonBlank(key).toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new ConfigException(key + " must be true or false, was " + raw(key));
            };
        }

        /** A literal IP address (never a DNS lookup at startup). */
        InetAddress address(String key, String literal) {
            if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new ConfigException(key + " takes IP addresses, not host names: " + literal);
            }
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new ConfigException(key + " has an invalid address " + literal, e);
            }
        }

        String raw(String key) {
            String value = values.get(key);
            if (value == null) {
                throw new ConfigException("missing setting " + key);
            }
            return value;
        }

        String nonBlank(String key) {
            String value = raw(key);
            if (value.isBlank()) {
                throw new ConfigException(key + " must not be empty");
            }
            return value;
        }

        Optional<String> optional(String key) {
            String value = values.getOrDefault(key, "");
            return value.isBlank() ? Optional.empty() : Optional.of(value);
        }

        Optional<Path> optionalPath(String key) {
            return optional(key).map(Path::of);
        }

        Path path(String key) {
            return Path.of(nonBlank(key));
        }

        int intInRange(String key, int min, int max) {
            String value = nonBlank(key);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(key + " must be an integer, was '" + value + "'", e);
            }
        }

        Duration duration(String key) {
            String value = nonBlank(key);
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new ConfigException(key + " must be a duration like 250ms, 30s, 30m or 1h, was '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }

        /** A duration in whole milliseconds that fits an int. */
        int millis(String key) {
            long ms = duration(key).toMillis();
            if (ms > Integer.MAX_VALUE) {
                throw new ConfigException(key + " is too long, was " + raw(key));
            }
            return (int) ms;
        }

        /** A comma-separated list; entries are trimmed and lower-cased, empty ones dropped. */
        Set<String> list(String key) {
            Set<String> out = new LinkedHashSet<>();
            Arrays.stream(raw(key).split(",")).map(v -> v.strip().toLowerCase(Locale.ROOT))
                    .filter(v -> !v.isEmpty()).forEach(out::add);
            return out;
        }

        Duration positiveDuration(String key) {
            Duration d = duration(key);
            if (d.isZero()) {
                throw new ConfigException(key + " must be positive");
            }
            return d;
        }

        long size(String key, long min) {
            String value = nonBlank(key);
            Matcher m = SIZE.matcher(value);
            if (!m.matches()) {
                throw new ConfigException(key + " must be a size like 65536, 64KiB or 64MiB, was '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2);
            long bytes = switch (unit) {
                case "KiB" -> n * 1024;
                case "MiB" -> n * 1024 * 1024;
                case "GiB" -> n * 1024 * 1024 * 1024;
                default -> n;
            };
            if (bytes < min || bytes > Integer.MAX_VALUE) {
                throw new ConfigException(key + " must be between " + min + " and " + Integer.MAX_VALUE + " bytes, was '" + value + "'");
            }
            return bytes;
        }

        URI uri(String key, String... schemes) {
            String value = nonBlank(key);
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || uri.getHost() == null
                        || !Arrays.asList(schemes).contains(uri.getScheme())) {
                    throw new ConfigException(key + " must be a " + String.join("/", schemes)
                            + " URL with a host, was '" + value + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new ConfigException(key + " is not a URL: '" + value + "'", e);
            }
        }
    }
}
