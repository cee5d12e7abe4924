package dev.sparring.controlplane.calls;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the control plane waits before giving up on a call.
 *
 * @param connectTimeout     a call still created/connecting this long after creation never got its media
 *                           stream: the reaper marks it abandoned. Default 2 minutes (a phone rings ~30 s; a
 *                           browser needs microphone consent).
 * @param heartbeatTimeout   a live call not listed in any media server's {@code live_calls} for this long lost
 *                           its media server: the reaper marks it failed ("media-server-lost"). Default 30 s, i.e.
 *                           thirty missed one-second heartbeats, so a media-server restart or a short partition
 *                           does not kill calls.
 * @param missingEventsGrace an ended call whose event log still has gaps this long after it ended is scored
 *                           with what exists. Default 60 s, enough for an outbox to drain after a reconnect.
 */
public record CallTimeouts(Duration connectTimeout, Duration heartbeatTimeout, Duration missingEventsGrace) {

    public CallTimeouts {
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("heartbeat-timeout", heartbeatTimeout);
        requirePositive("missing-events-grace", missingEventsGrace);
    }

    public static CallTimeouts defaults() {
        return new CallTimeouts(Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    private static void requirePositive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive but was " + value);
        }
    }
}
