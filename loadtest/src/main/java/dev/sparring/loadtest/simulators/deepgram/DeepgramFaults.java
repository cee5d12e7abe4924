package dev.sparring.loadtest.simulators.deepgram;

import java.time.Duration;

/**
 * Failures the {@link DeepgramSimulator} injects, each on the first {@code n} connections it accepts
 * after the faults are set (counting every WebSocket upgrade request), so a client's retry finds a
 * healthy server again.
 *
 * @param rejectStatus HTTP status answered instead of the upgrade (e.g. 401, 429); 0 for none
 * @param rejectCount how many upgrade requests get {@code rejectStatus}
 * @param retryAfterSeconds the {@code Retry-After} header sent with a 429 (0: none)
 * @param handshakeDelay how long the upgrade response is held back (a slow first byte)
 * @param slowCount how many upgrades are delayed
 * @param dropAfterMessages the server closes the TCP connection abruptly after sending this many
 *     messages; 0 for never
 * @param dropCount how many connections are dropped
 * @param malformedAtMessage the n-th server message (1-based) is preceded by a malformed JSON text
 *     frame; 0 for none (applies to the first connection only)
 */
public record DeepgramFaults(int rejectStatus, int rejectCount, int retryAfterSeconds, Duration handshakeDelay,
                             int slowCount, int dropAfterMessages, int dropCount, int malformedAtMessage) {

    public DeepgramFaults {
        if (rejectStatus != 0 && (rejectStatus < 400 || rejectStatus > 599)) {
            throw new IllegalArgumentException("rejectStatus must be a 4xx/5xx status or 0: " + rejectStatus);
        }
        if (rejectCount < 0 || retryAfterSeconds < 0 || slowCount < 0 || dropAfterMessages < 0 || dropCount < 0
                || malformedAtMessage < 0 || handshakeDelay.isNegative()) {
            throw new IllegalArgumentException("fault counts and delays must not be negative");
        }
    }

    /** @return no faults: a healthy server */
    public static DeepgramFaults none() {
        return new DeepgramFaults(0, 0, 0, Duration.ZERO, 0, 0, 0, 0);
    }

    /** @return the first {@code count} upgrades answered with {@code status} (and Retry-After for a 429) */
    public static DeepgramFaults reject(int status, int count, int retryAfterSeconds) {
        return new DeepgramFaults(status, count, retryAfterSeconds, Duration.ZERO, 0, 0, 0, 0);
    }

    /** @return the first {@code count} upgrade responses delayed by {@code delay} */
    public static DeepgramFaults slowHandshake(Duration delay, int count) {
        return new DeepgramFaults(0, 0, 0, delay, count, 0, 0, 0);
    }

    /** @return the first {@code count} connections cut after {@code messages} server messages */
    public static DeepgramFaults dropAfter(int messages, int count) {
        return new DeepgramFaults(0, 0, 0, Duration.ZERO, 0, messages, count, 0);
    }

    /** @return a malformed text frame sent before the {@code message}-th message of the first connection */
    public static DeepgramFaults malformedAt(int message) {
        return new DeepgramFaults(0, 0, 0, Duration.ZERO, 0, 0, 0, message);
    }
}
