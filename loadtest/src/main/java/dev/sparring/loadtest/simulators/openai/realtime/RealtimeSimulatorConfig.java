package dev.sparring.loadtest.simulators.openai.realtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the {@link RealtimeSimulator}. Latency defaults are published figures: input
 * transcription about 250 ms after the end of speech, a speech-to-speech model's first audio
 * about 500 ms after the turn ends (model first token ≈ 350 ms + speech ≈ 150 ms).
 *
 * @param bindAddress          default {@code 127.0.0.1}
 * @param port                 default 0 (any free port)
 * @param apiKey               the only key accepted in {@code Authorization: Bearer <key>}
 * @param scriptsDirectory     where {@code <script>.yaml} call scripts are read
 * @param transcriptionLatency end of speech → {@code input_audio_transcription.completed}; default 250 ms
 * @param firstAudioLatency    response created → first audio delta; default 500 ms
 * @param deltaMs              audio per {@code response.output_audio.delta}; default 100 ms
 * @param deltaInterval        time between deltas; default 50 ms (audio streams at twice real time,
 *                             as the real service streams faster than playback)
 * @param faults               failures to inject; default none
 */
public record RealtimeSimulatorConfig(String bindAddress, int port, String apiKey, Path scriptsDirectory,
                                      Duration transcriptionLatency, Duration firstAudioLatency, int deltaMs,
                                      Duration deltaInterval, RealtimeFaults faults) {

    public RealtimeSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (transcriptionLatency.isNegative() || firstAudioLatency.isNegative() || deltaInterval.isNegative()
                || deltaMs < 20 || deltaMs % 20 != 0) {
            throw new IllegalArgumentException("latencies must not be negative; deltaMs a multiple of 20");
        }
    }

    /** @return the defaults, accepting {@code apiKey}, reading scripts from {@code scriptsDirectory} */
    public static RealtimeSimulatorConfig defaults(String apiKey, Path scriptsDirectory) {
        return new RealtimeSimulatorConfig("127.0.0.1", 0, apiKey, scriptsDirectory, Duration.ofMillis(250),
                Duration.ofMillis(500), 100, Duration.ofMillis(50), RealtimeFaults.none());
    }

    /** @return a copy with other latencies (tests set them small) */
    public RealtimeSimulatorConfig withLatencies(Duration transcription, Duration firstAudio, Duration interval) {
        return new RealtimeSimulatorConfig(bindAddress, port, apiKey, scriptsDirectory, transcription, firstAudio,
                deltaMs, interval, faults);
    }

    /** @return a copy with other faults */
    public RealtimeSimulatorConfig withFaults(RealtimeFaults injected) {
        return new RealtimeSimulatorConfig(bindAddress, port, apiKey, scriptsDirectory, transcriptionLatency,
                firstAudioLatency, deltaMs, deltaInterval, injected);
    }
}
