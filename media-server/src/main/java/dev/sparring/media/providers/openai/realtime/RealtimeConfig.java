package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the OpenAI Realtime client and pipeline; validated on construction, naming the
 * offending setting. Every default is documented here, once.
 *
 * @param apiKey             sent as {@code Authorization: Bearer <key>} ({@code OPENAI_API_KEY})
 * @param baseUrl            {@code wss://api.openai.com} by default ({@code OPENAI_BASE_URL} with the
 *                           scheme turned into {@code ws(s)}); {@code /v1/realtime?model=…} is appended
 * @param model              default {@code gpt-realtime}
 * @param defaultVoice       used when the persona names no {@code openai} voice; default {@code marin}
 * @param turnDetection      default {@link TurnDetection#SERVER_VAD}
 * @param vadSilenceMs       server VAD: silence that ends the rep's turn; default 500 ms
 * @param vadPrefixPaddingMs server VAD: audio kept before detected speech; default 300 ms
 * @param vadThreshold       server VAD: activation threshold 0..1; default 0.5 (OpenAI's default)
 * @param transcriptionModel input transcription model (the rep's words for the call log);
 *                           default {@code gpt-4o-mini-transcribe}
 * @param audioBatchFrames   20 ms caller frames per {@code input_audio_buffer.append}, 1..5; default 2
 *                           (40 ms: half the messages for at most 20 ms of added delay)
 * @param connectTimeout     TCP + TLS + WebSocket upgrade; default 5 s
 * @param firstAudioTimeout  a response that yields no audio this long after it was asked for
 *                           (or after the rep stopped speaking) is cancelled and retried once; default 5 s
 * @param reconnectBackoff   first delay before reconnecting after a drop, doubled per failed attempt
 *                           up to 8 times this (a 429's {@code Retry-After} wins); default 250 ms
 * @param maxReconnectAttempts consecutive failed attempts before the session gives up; default 4
 * @param pendingAudioLimit  caller audio buffered while (re)connecting; older audio is dropped;
 *                           default 2 s
 * @param tracing            send {@code session.tracing} (workflow {@code sparring-call}, group = call
 *                           id, metadata with the call id and call script) so each call is one trace
 *                           in OpenAI's dashboard — and so the local simulator knows the script;
 *                           default true
 */
public record RealtimeConfig(String apiKey, URI baseUrl, String model, String defaultVoice,
                             TurnDetection turnDetection, int vadSilenceMs, int vadPrefixPaddingMs,
                             double vadThreshold, String transcriptionModel, int audioBatchFrames,
                             Duration connectTimeout, Duration firstAudioTimeout, Duration reconnectBackoff,
                             int maxReconnectAttempts, Duration pendingAudioLimit, boolean tracing) {

    public static final URI DEFAULT_BASE_URL = URI.create("wss://api.openai.com");
    public static final String DEFAULT_MODEL = "gpt-realtime";
    public static final String DEFAULT_VOICE = "marin";
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    public RealtimeConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(turnDetection, "turnDetection");
        if (apiKey == null || apiKey.isBlank()) {
            throw new ConfigException("openai realtime api key is missing (OPENAI_API_KEY)");
        }
        String scheme = String.valueOf(baseUrl.getScheme());
        if (!scheme.equals("ws") && !scheme.equals("wss") || baseUrl.getHost() == null) {
            throw new ConfigException("openai realtime base url must be ws:// or wss:// with a host: " + baseUrl);
        }
        if (model == null || model.isBlank() || defaultVoice == null || defaultVoice.isBlank()
                || transcriptionModel == null || transcriptionModel.isBlank()) {
            throw new ConfigException("openai realtime model, voice and transcription model must not be blank");
        }
        if (vadSilenceMs < 100 || vadSilenceMs > 5_000) {
            throw new ConfigException("openai realtime vad-silence must be 100..5000 ms: " + vadSilenceMs);
        }
        if (vadPrefixPaddingMs < 0 || vadPrefixPaddingMs > 2_000) {
            throw new ConfigException("openai realtime vad-prefix-padding must be 0..2000 ms: " + vadPrefixPaddingMs);
        }
        if (!(vadThreshold >= 0 && vadThreshold <= 1)) {
            throw new ConfigException("openai realtime vad-threshold must be 0..1: " + vadThreshold);
        }
        if (audioBatchFrames < 1 || audioBatchFrames > 5) {
            throw new ConfigException("openai realtime audio-batch-frames must be 1..5: " + audioBatchFrames);
        }
        for (Duration d : new Duration[] {connectTimeout, firstAudioTimeout, reconnectBackoff, pendingAudioLimit}) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException("openai realtime timeouts and limits must be positive");
            }
        }
        if (maxReconnectAttempts < 0) {
            throw new ConfigException("openai realtime max-reconnect-attempts must not be negative");
        }
    }

    /** Everything but the key: configs end up in logs. */
    @Override
    public String toString() {
        return "RealtimeConfig[baseUrl=" + baseUrl + ", model=" + model + ", defaultVoice=" + defaultVoice
                + ", turnDetection=" + turnDetection + ", vadSilenceMs=" + vadSilenceMs + ", audioBatchFrames="
                + audioBatchFrames + ", tracing=" + tracing + "]";
    }

    /** @return the documented defaults with {@code apiKey} */
    public static RealtimeConfig defaults(String apiKey) {
        return new RealtimeConfig(apiKey, DEFAULT_BASE_URL, DEFAULT_MODEL, DEFAULT_VOICE, TurnDetection.SERVER_VAD,
                500, 300, 0.5, DEFAULT_TRANSCRIPTION_MODEL, 2, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(250), 4, Duration.ofSeconds(2), true);
    }

    /**
     * @param url {@code ws(s)://host[:port]}; an {@code http(s)} URL (as in {@code OPENAI_BASE_URL}) is
     *            turned into the matching WebSocket scheme
     * @return a copy pointed at another endpoint
     */
    public RealtimeConfig withBaseUrl(URI url) {
        URI ws = switch (String.valueOf(url.getScheme())) {
            case "http" -> URI.create("ws" + url.toString().substring(4));
            case "https" -> URI.create("wss" + url.toString().substring(5));
            default -> url;
        };
        return new RealtimeConfig(apiKey, ws, model, defaultVoice, turnDetection, vadSilenceMs, vadPrefixPaddingMs,
                vadThreshold, transcriptionModel, audioBatchFrames, connectTimeout, firstAudioTimeout, reconnectBackoff,
                maxReconnectAttempts, pendingAudioLimit, tracing);
    }

    /** @return a copy with another model */
    public RealtimeConfig withModel(String other) {
        return new RealtimeConfig(apiKey, baseUrl, other, defaultVoice, turnDetection, vadSilenceMs, vadPrefixPaddingMs,
                vadThreshold, transcriptionModel, audioBatchFrames, connectTimeout, firstAudioTimeout, reconnectBackoff,
                maxReconnectAttempts, pendingAudioLimit, tracing);
    }

    /** @return a copy with another turn detection */
    public RealtimeConfig withTurnDetection(TurnDetection other) {
        return new RealtimeConfig(apiKey, baseUrl, model, defaultVoice, other, vadSilenceMs, vadPrefixPaddingMs,
                vadThreshold, transcriptionModel, audioBatchFrames, connectTimeout, firstAudioTimeout, reconnectBackoff,
                maxReconnectAttempts, pendingAudioLimit, tracing);
    }

    /** @return a copy with another number of frames per append message */
    public RealtimeConfig withAudioBatchFrames(int frames) {
        return new RealtimeConfig(apiKey, baseUrl, model, defaultVoice, turnDetection, vadSilenceMs, vadPrefixPaddingMs,
                vadThreshold, transcriptionModel, frames, connectTimeout, firstAudioTimeout, reconnectBackoff,
                maxReconnectAttempts, pendingAudioLimit, tracing);
    }

    /** @return a copy with other timings (tests and tuning) */
    public RealtimeConfig withTimings(Duration connect, Duration firstAudio, Duration backoff, int attempts) {
        return new RealtimeConfig(apiKey, baseUrl, model, defaultVoice, turnDetection, vadSilenceMs, vadPrefixPaddingMs,
                vadThreshold, transcriptionModel, audioBatchFrames, connect, firstAudio, backoff, attempts,
                pendingAudioLimit, tracing);
    }
}
