package dev.sparring.loadtest.simulators.deepgram;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the {@link DeepgramSimulator}. Latency defaults are published figures for Deepgram
 * Nova streaming (a final about 250 ms after the end of speech is detected).
 *
 * @param bindAddress the address to listen on; default {@code 127.0.0.1}
 * @param port the TCP port; default 0 (any free port)
 * @param apiKey the only key accepted in {@code Authorization: Token <key>}
 * @param scriptsDirectory where {@code <tag>.yaml} call scripts are read; default {@code config/scripts}
 * @param finalLatency delay between detecting the end of a speech segment (after the
 *     {@code endpointing} silence) and sending its final; default 250 ms
 * @param interimInterval audio time between interim results while speech runs; default 500 ms
 * @param wordDuration nominal speaking time per word, to reveal words in interim results; default 350 ms
 * @param backchannelMax a segment at most this long may be matched to a {@code backchannel} line,
 *     a longer one skips it; default 1500 ms (FreeTTS says "mm-hmm" in 1.4 s: at 1000 ms the
 *     interim results of that backchannel turned into the next line's words, a barge-in)
 * @param minSegmentSilence the least silence that ends a speech segment, whatever {@code endpointing}
 *     asks: the simulator answers one whole script line per segment, so pauses between a line's
 *     sentences must not split it; default 600 ms, the media server's own end-of-turn silence
 *     (FreeTTS pauses up to ~420 ms at a full stop, which split lines at the former 400 ms and put
 *     the dialogue a line out of step)
 * @param inactivityTimeout the connection is closed (code 1011, NET-0001) when neither audio nor
 *     KeepAlive arrives for this long; Deepgram documents 10 s
 * @param faults failures to inject; default none
 */
public record DeepgramSimulatorConfig(String bindAddress, int port, String apiKey, Path scriptsDirectory,
                                      Duration finalLatency, Duration interimInterval, Duration wordDuration,
                                      Duration backchannelMax, Duration minSegmentSilence, Duration inactivityTimeout,
                                      DeepgramFaults faults) {

    public DeepgramSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (finalLatency.isNegative() || interimInterval.isNegative() || interimInterval.isZero()
                || wordDuration.isNegative() || wordDuration.isZero() || backchannelMax.isNegative()
                || minSegmentSilence.isNegative()
                || inactivityTimeout.isNegative() || inactivityTimeout.isZero()) {
            throw new IllegalArgumentException("simulator durations must be positive (finalLatency may be zero)");
        }
    }

    /** @return the defaults, accepting {@code apiKey}, reading scripts from {@code scriptsDirectory} */
    public static DeepgramSimulatorConfig defaults(String apiKey, Path scriptsDirectory) {
        return new DeepgramSimulatorConfig("127.0.0.1", 0, apiKey, scriptsDirectory, Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofMillis(350), Duration.ofMillis(1500), Duration.ofMillis(600),
                Duration.ofSeconds(10),
                DeepgramFaults.none());
    }

    /** @return a copy with another final latency */
    public DeepgramSimulatorConfig withFinalLatency(Duration latency) {
        return new DeepgramSimulatorConfig(bindAddress, port, apiKey, scriptsDirectory, latency, interimInterval,
                wordDuration, backchannelMax, minSegmentSilence, inactivityTimeout, faults);
    }

    /** @return a copy with another inactivity timeout */
    public DeepgramSimulatorConfig withInactivityTimeout(Duration timeout) {
        return new DeepgramSimulatorConfig(bindAddress, port, apiKey, scriptsDirectory, finalLatency, interimInterval,
                wordDuration, backchannelMax, minSegmentSilence, timeout, faults);
    }

    /** @return a copy with other faults */
    public DeepgramSimulatorConfig withFaults(DeepgramFaults injected) {
        return new DeepgramSimulatorConfig(bindAddress, port, apiKey, scriptsDirectory, finalLatency, interimInterval,
                wordDuration, backchannelMax, minSegmentSilence, inactivityTimeout, injected);
    }
}
