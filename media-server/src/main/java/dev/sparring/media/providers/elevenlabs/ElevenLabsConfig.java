package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.PipelineException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the ElevenLabs clients. Defaults are in {@link #defaults(String)}; the lead maps them to
 * configuration keys ({@code ELEVENLABS_API_KEY}, {@code ELEVENLABS_BASE_URL}, …).
 *
 * @param apiKey sent as {@code xi-api-key}; required
 * @param baseUrl {@code https://api.elevenlabs.io}; an {@code http://} URL (a simulator) makes the
 *     WebSocket {@code ws://}
 * @param voiceId voice used when the pipeline asks for {@code default} or a blank voice; default
 *     {@code JBFqnCBsd6RMkjVDRZzb} (the voice of ElevenLabs' own examples)
 * @param modelId default {@code eleven_flash_v2_5} (lowest latency; multi-context is not offered for v3)
 * @param outputFormat default {@link OutputFormat#ULAW_8000} for phone calls
 * @param voiceSettings sent when a context opens
 * @param chunkLengthSchedule {@code generation_config.chunk_length_schedule}; default the documented
 *     {@code [120, 160, 250, 290]} (replies are flushed at their end anyway)
 * @param connectTimeout TCP connect plus WebSocket handshake; default 5 s
 * @param firstAudioTimeout from the flush of a reply to its first audio before the reply fails with
 *     kind {@code timeout}; default 3 s
 * @param inactivityTimeout the {@code inactivity_timeout} query parameter (1..180 s); default 20 s,
 *     the server's own default
 * @param keepAliveInterval a keep-alive is sent after this much silence towards the server; must be
 *     below the inactivity timeout; default 15 s
 * @param maxContexts concurrent contexts per WebSocket; default 5 (the documented limit); more
 *     replies wait their turn
 * @param maxReconnects how often a session reconnects after a failed connect or a dropped socket
 *     before failing the replies waiting on it; default 2
 * @param reconnectBackoff wait before a reconnect, multiplied by the attempt number; default 250 ms
 * @param maxRetryAfter a 429 whose {@code Retry-After} is at most this is waited out and retried;
 *     a longer one fails the reply with kind {@code rate_limited}; default 2 s
 */
public record ElevenLabsConfig(String apiKey, URI baseUrl, String voiceId, String modelId, OutputFormat outputFormat,
                               VoiceSettings voiceSettings, List<Integer> chunkLengthSchedule,
                               Duration connectTimeout, Duration firstAudioTimeout, Duration inactivityTimeout,
                               Duration keepAliveInterval, int maxContexts, int maxReconnects,
                               Duration reconnectBackoff, Duration maxRetryAfter) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.elevenlabs.io");
    public static final String DEFAULT_VOICE_ID = "JBFqnCBsd6RMkjVDRZzb";
    public static final String DEFAULT_MODEL_ID = "eleven_flash_v2_5";
    public static final List<Integer> DEFAULT_CHUNK_LENGTH_SCHEDULE = List.of(120, 160, 250, 290);

    public ElevenLabsConfig {
        require(apiKey != null && !apiKey.isBlank(), "elevenlabs-api-key (ELEVENLABS_API_KEY) must be set");
        String scheme = baseUrl.getScheme();
        require(("https".equals(scheme) || "http".equals(scheme)) && baseUrl.getHost() != null,
                "elevenlabs-base-url must be an http(s) URL with a host: " + baseUrl);
        require(voiceId != null && !voiceId.isBlank(), "elevenlabs-voice-id must not be blank");
        require(modelId != null && !modelId.isBlank(), "elevenlabs-model-id must not be blank");
        require(!chunkLengthSchedule.isEmpty() && chunkLengthSchedule.stream().allMatch(n -> n >= 50 && n <= 500),
                "elevenlabs-chunk-length-schedule values must be within 50..500");
        chunkLengthSchedule = List.copyOf(chunkLengthSchedule);
        require(positive(connectTimeout), "elevenlabs-connect-timeout must be positive");
        require(positive(firstAudioTimeout), "elevenlabs-first-audio-timeout must be positive");
        require(inactivityTimeout.toSeconds() >= 1 && inactivityTimeout.toSeconds() <= 180
                        && inactivityTimeout.toMillis() % 1000 == 0,
                "elevenlabs-inactivity-timeout must be whole seconds within 1..180");
        require(positive(keepAliveInterval) && keepAliveInterval.compareTo(inactivityTimeout) < 0,
                "elevenlabs-keep-alive-interval must be positive and below elevenlabs-inactivity-timeout");
        require(maxContexts >= 1 && maxContexts <= 5, "elevenlabs-max-contexts must be within 1..5");
        require(maxReconnects >= 0, "elevenlabs-max-reconnects must not be negative");
        require(!reconnectBackoff.isNegative(), "elevenlabs-reconnect-backoff must not be negative");
        require(!maxRetryAfter.isNegative(), "elevenlabs-max-retry-after must not be negative");
    }

    /** Every default, with the given API key. */
    public static ElevenLabsConfig defaults(String apiKey) {
        return new ElevenLabsConfig(apiKey, DEFAULT_BASE_URL, DEFAULT_VOICE_ID, DEFAULT_MODEL_ID, OutputFormat.ULAW_8000,
                VoiceSettings.DEFAULT, DEFAULT_CHUNK_LENGTH_SCHEDULE, Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(20), Duration.ofSeconds(15), 5, 2, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    public ElevenLabsConfig withBaseUrl(URI url) {
        return new ElevenLabsConfig(apiKey, url, voiceId, modelId, outputFormat, voiceSettings, chunkLengthSchedule,
                connectTimeout, firstAudioTimeout, inactivityTimeout, keepAliveInterval, maxContexts, maxReconnects,
                reconnectBackoff, maxRetryAfter);
    }

    public ElevenLabsConfig withModel(String model) {
        return new ElevenLabsConfig(apiKey, baseUrl, voiceId, model, outputFormat, voiceSettings, chunkLengthSchedule,
                connectTimeout, firstAudioTimeout, inactivityTimeout, keepAliveInterval, maxContexts, maxReconnects,
                reconnectBackoff, maxRetryAfter);
    }

    public ElevenLabsConfig withOutputFormat(OutputFormat format) {
        return new ElevenLabsConfig(apiKey, baseUrl, voiceId, modelId, format, voiceSettings, chunkLengthSchedule,
                connectTimeout, firstAudioTimeout, inactivityTimeout, keepAliveInterval, maxContexts, maxReconnects,
                reconnectBackoff, maxRetryAfter);
    }

    public ElevenLabsConfig withFirstAudioTimeout(Duration timeout) {
        return new ElevenLabsConfig(apiKey, baseUrl, voiceId, modelId, outputFormat, voiceSettings, chunkLengthSchedule,
                connectTimeout, timeout, inactivityTimeout, keepAliveInterval, maxContexts, maxReconnects,
                reconnectBackoff, maxRetryAfter);
    }

    public ElevenLabsConfig withKeepAlive(Duration inactivity, Duration interval) {
        return new ElevenLabsConfig(apiKey, baseUrl, voiceId, modelId, outputFormat, voiceSettings, chunkLengthSchedule,
                connectTimeout, firstAudioTimeout, inactivity, interval, maxContexts, maxReconnects,
                reconnectBackoff, maxRetryAfter);
    }

    public ElevenLabsConfig withRetries(int reconnects, Duration backoff, Duration retryAfterLimit) {
        return new ElevenLabsConfig(apiKey, baseUrl, voiceId, modelId, outputFormat, voiceSettings, chunkLengthSchedule,
                connectTimeout, firstAudioTimeout, inactivityTimeout, keepAliveInterval, maxContexts, reconnects,
                backoff, retryAfterLimit);
    }

    /** {@code voice} unless it is blank or {@code default}, else the configured voice id. */
    String resolveVoice(String voice) {
        return voice == null || voice.isBlank() || voice.equals("default") ? voiceId : voice;
    }

    /** Whether the endpoints need TLS. */
    boolean secure() {
        return "https".equals(baseUrl.getScheme());
    }

    int port() {
        return baseUrl.getPort() > 0 ? baseUrl.getPort() : secure() ? 443 : 80;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new PipelineException(message);
        }
    }

    @Override
    public String toString() {
        // Never print the key.
        return "ElevenLabsConfig[baseUrl=" + baseUrl + ", voiceId=" + voiceId + ", modelId=" + modelId
                + ", outputFormat=" + outputFormat.wireName() + "]";
    }
}
