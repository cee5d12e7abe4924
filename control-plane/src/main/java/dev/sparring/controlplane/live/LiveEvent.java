package dev.sparring.controlplane.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One call event as pushed to live pages: the stored event, identified by (call id, seq). */
public record LiveEvent(UUID callId, long seq, String type, Instant at, JsonNode data) {
}
