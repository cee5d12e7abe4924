package dev.sparring.loadtest.simulators.elevenlabs;

import dev.sparring.loadtest.LoadTestException;
import java.time.Duration;

/**
 * Settings of the {@link ElevenLabsSimulator}. Latency defaults follow published figures: ElevenLabs
 * quotes ~75 ms model time for Flash v2.5 and ~150 ms end to end for streaming TTS, so first audio
 * comes 150 ms after the text is flushed.
 *
 * @param port TCP port to listen on; 0 picks a free one
 * @param apiKey the {@code xi-api-key} value the simulator accepts; anything else gets 401
 * @param firstAudioLatency from a flush (or a generation triggered by the chunk schedule) to the
 *     first audio message of that generation; default 150 ms
 * @param chunkMs audio per audio message; default 250 ms (ElevenLabs sends chunks of a few hundred ms)
 * @param chunkInterval time between audio messages of one generation; default 80 ms, i.e. about three
 *     times faster than real time, as streaming TTS generates
 * @param defaultInactivityTimeout how long a WebSocket may stay silent before the simulator closes it
 *     when the client sets no {@code inactivity_timeout}; default 20 s as documented
 * @param maxContexts concurrent contexts allowed per WebSocket; default 5 as documented
 */
public record ElevenLabsSimulatorConfig(int port, String apiKey, Duration firstAudioLatency, int chunkMs,
                                        Duration chunkInterval, Duration defaultInactivityTimeout, int maxContexts) {

    public static final Duration DEFAULT_FIRST_AUDIO_LATENCY = Duration.ofMillis(150);
    public static final int DEFAULT_CHUNK_MS = 250;
    public static final Duration DEFAULT_CHUNK_INTERVAL = Duration.ofMillis(80);
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_CONTEXTS = 5;

    public ElevenLabsSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new LoadTestException("elevenlabs simulator port out of range: " + port);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new LoadTestException("elevenlabs simulator api-key must not be blank");
        }
        if (firstAudioLatency.isNegative() || chunkInterval.isNegative()) {
            throw new LoadTestException("elevenlabs simulator latencies must not be negative");
        }
        if (chunkMs < 10) {
            throw new LoadTestException("elevenlabs simulator chunk-ms must be at least 10: " + chunkMs);
        }
        if (defaultInactivityTimeout.isZero() || defaultInactivityTimeout.isNegative()) {
            throw new LoadTestException("elevenlabs simulator inactivity timeout must be positive");
        }
        if (maxContexts < 1) {
            throw new LoadTestException("elevenlabs simulator max-contexts must be positive: " + maxContexts);
        }
    }

    /** Published-figure defaults on a free port. */
    public static ElevenLabsSimulatorConfig defaults(String apiKey) {
        return new ElevenLabsSimulatorConfig(0, apiKey, DEFAULT_FIRST_AUDIO_LATENCY, DEFAULT_CHUNK_MS,
                DEFAULT_CHUNK_INTERVAL, DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_MAX_CONTEXTS);
    }

    public ElevenLabsSimulatorConfig withFirstAudioLatency(Duration latency) {
        return new ElevenLabsSimulatorConfig(port, apiKey, latency, chunkMs, chunkInterval, defaultInactivityTimeout, maxContexts);
    }

    public ElevenLabsSimulatorConfig withChunks(int millis, Duration interval) {
        return new ElevenLabsSimulatorConfig(port, apiKey, firstAudioLatency, millis, interval, defaultInactivityTimeout, maxContexts);
    }
}
