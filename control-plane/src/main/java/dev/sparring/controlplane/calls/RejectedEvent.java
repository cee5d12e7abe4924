package dev.sparring.controlplane.calls;

import java.util.UUID;

/** An event that was not stored and must not be retried, with the reason (e.g. "unknown call"). */
public record RejectedEvent(UUID callId, long seq, String reason) {
}
