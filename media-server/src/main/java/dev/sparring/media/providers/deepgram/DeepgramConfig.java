package dev.sparring.media.providers.deepgram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Deepgram live streaming client. Every default is documented here, once.
 *
 * @param apiKey sent as {@code Authorization: Token <key>} ({@code DEEPGRAM_API_KEY})
 * @param baseUrl {@code wss://api.deepgram.com} by default ({@code DEEPGRAM_BASE_URL}); {@code ws://}
 *     for a local simulator; the path {@code /v1/listen} is appended
 * @param model default {@code nova-3}
 * @param language default {@code en-US}
 * @param endpointing silence that ends a segment with {@code speech_final}; default 300 ms
 * @param utteranceEnd gap after the last word for {@code UtteranceEnd}; default 1000 ms
 * @param smartFormat default true
 * @param connectTimeout TCP connect plus WebSocket upgrade; default 5 s
 * @param keepAliveInterval a {@code KeepAlive} is sent when no audio went out for this long;
 *     default 4 s (Deepgram closes after 10 s without audio or KeepAlive and advises 3-5 s)
 * @param closeTimeout after {@code CloseStream}, how long to wait for the last results before the
 *     socket is released anyway; default 2 s
 * @param audioChunk caller audio is sent in messages of this much audio; default 40 ms (two
 *     20 ms frames: half the messages and thread hand-offs for at most 20 ms of added delay)
 * @param reconnectBackoff first delay before reconnecting after a drop, doubled per failed attempt
 *     up to 8 times this; default 250 ms
 * @param maxReconnectAttempts consecutive failed attempts before the stream gives up; default 5
 * @param replayLimit most audio kept for resending after a drop (audio not yet covered by a final
 *     result); older audio is forgotten; default 30 s
 */
public record DeepgramConfig(String apiKey, URI baseUrl, String model, String language, Duration endpointing,
                             Duration utteranceEnd, boolean smartFormat, Duration connectTimeout,
                             Duration keepAliveInterval, Duration closeTimeout, Duration audioChunk,
                             Duration reconnectBackoff, int maxReconnectAttempts, Duration replayLimit) {

    /** The public API endpoint. */
    public static final URI DEFAULT_BASE_URL = URI.create("wss://api.deepgram.com");

    public DeepgramConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("deepgram api key must not be blank (DEEPGRAM_API_KEY)");
        }
        String scheme = String.valueOf(baseUrl.getScheme());
        if (!scheme.equals("ws") && !scheme.equals("wss") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("deepgram base URL must be ws:// or wss:// with a host: " + baseUrl);
        }
        if (model.isBlank() || language.isBlank()) {
            throw new IllegalArgumentException("deepgram model and language must not be blank");
        }
        positive("endpointing", endpointing);
        positive("utterance-end", utteranceEnd);
        positive("connect-timeout", connectTimeout);
        positive("keep-alive-interval", keepAliveInterval);
        positive("close-timeout", closeTimeout);
        positive("reconnect-backoff", reconnectBackoff);
        positive("replay-limit", replayLimit);
        if (audioChunk.toMillis() < 20 || audioChunk.toMillis() % 20 != 0 || audioChunk.toMillis() > 200) {
            throw new IllegalArgumentException("deepgram audio-chunk must be a multiple of 20 ms up to 200 ms: "
                    + audioChunk);
        }
        if (maxReconnectAttempts < 0) {
            throw new IllegalArgumentException("deepgram max-reconnect-attempts must not be negative");
        }
    }

    /** @return the documented defaults with {@code apiKey} */
    public static DeepgramConfig defaults(String apiKey) {
        return new DeepgramConfig(apiKey, DEFAULT_BASE_URL, "nova-3", "en-US", Duration.ofMillis(300),
                Duration.ofMillis(1000), true, Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(2),
                Duration.ofMillis(40), Duration.ofMillis(250), 5, Duration.ofSeconds(30));
    }

    /** @return a copy pointed at another endpoint */
    public DeepgramConfig withBaseUrl(URI url) {
        return new DeepgramConfig(apiKey, url, model, language, endpointing, utteranceEnd, smartFormat, connectTimeout,
                keepAliveInterval, closeTimeout, audioChunk, reconnectBackoff, maxReconnectAttempts, replayLimit);
    }

    /** @return a copy with other timing settings (tests and tuning) */
    public DeepgramConfig withTimings(Duration connect, Duration keepAlive, Duration close, Duration backoff) {
        return new DeepgramConfig(apiKey, baseUrl, model, language, endpointing, utteranceEnd, smartFormat, connect,
                keepAlive, close, audioChunk, backoff, maxReconnectAttempts, replayLimit);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("deepgram " + name + " must be positive: " + value);
        }
    }
}
