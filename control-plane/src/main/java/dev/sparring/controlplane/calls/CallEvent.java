package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A stored entry of a call's event log (see docs/contract.md for the types and their data). */
public record CallEvent(UUID callId, long seq, String type, Instant at, JsonNode data, Instant receivedAt) {
}
