package dev.sparring.loadtest.simulators.openai.realtime;

import java.time.Duration;

/**
 * Failures the {@link RealtimeSimulator} injects. Connection faults count WebSocket upgrade
 * requests (or accepted connections) from the moment the faults are set; response faults count
 * responses across all sessions, so a client's retry finds a healthy server again.
 *
 * @param rejectStatus       HTTP status answered instead of the upgrade (401, 429, 5xx); 0 for none
 * @param rejectCount        how many upgrade requests get {@code rejectStatus}
 * @param retryAfterSeconds  {@code Retry-After} sent with the rejection (0: none)
 * @param rateLimitedResponses the next n responses fail at once: {@code response.done} with status
 *                           {@code failed} and a {@code rate_limit_exceeded} error naming a wait
 * @param dropAfterDeltas    the connection is cut (no close frame) after sending this many audio
 *                           deltas; 0 for never
 * @param dropCount          how many connections are cut that way
 * @param malformedAtMessage the n-th server message (1-based) of the first connection is preceded by
 *                           a text frame that is not JSON; 0 for none
 * @param firstAudioDelay    extra delay before the first audio of a response (a slow first byte)
 * @param slowCount          how many responses are delayed that way
 */
public record RealtimeFaults(int rejectStatus, int rejectCount, int retryAfterSeconds, int rateLimitedResponses,
                             int dropAfterDeltas, int dropCount, int malformedAtMessage, Duration firstAudioDelay,
                             int slowCount) {

    public RealtimeFaults {
        if (rejectStatus != 0 && (rejectStatus < 400 || rejectStatus > 599)) {
            throw new IllegalArgumentException("rejectStatus must be a 4xx/5xx status or 0: " + rejectStatus);
        }
        if (rejectCount < 0 || retryAfterSeconds < 0 || rateLimitedResponses < 0 || dropAfterDeltas < 0
                || dropCount < 0 || malformedAtMessage < 0 || slowCount < 0 || firstAudioDelay.isNegative()) {
            throw new IllegalArgumentException("fault counts and delays must not be negative");
        }
    }

    /** @return a healthy server */
    public static RealtimeFaults none() {
        return new RealtimeFaults(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0);
    }

    /** @return the first {@code count} upgrades refused with {@code status} */
    public static RealtimeFaults reject(int status, int count, int retryAfterSeconds) {
        return new RealtimeFaults(status, count, retryAfterSeconds, 0, 0, 0, 0, Duration.ZERO, 0);
    }

    /** @return the next {@code count} responses failed with a rate-limit error */
    public static RealtimeFaults rateLimited(int count) {
        return new RealtimeFaults(0, 0, 0, count, 0, 0, 0, Duration.ZERO, 0);
    }

    /** @return the first {@code count} connections cut after {@code deltas} audio deltas */
    public static RealtimeFaults dropAfter(int deltas, int count) {
        return new RealtimeFaults(0, 0, 0, 0, deltas, count, 0, Duration.ZERO, 0);
    }

    /** @return a malformed frame before the {@code message}-th server message of the first connection */
    public static RealtimeFaults malformedAt(int message) {
        return new RealtimeFaults(0, 0, 0, 0, 0, 0, message, Duration.ZERO, 0);
    }

    /** @return the next {@code count} responses' first audio held back by {@code delay} */
    public static RealtimeFaults slowFirstAudio(Duration delay, int count) {
        return new RealtimeFaults(0, 0, 0, 0, 0, 0, 0, delay, count);
    }
}
