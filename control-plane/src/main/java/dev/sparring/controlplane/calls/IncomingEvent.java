package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One event of a {@code POST /internal/events} batch (docs/contract.md). */
public record IncomingEvent(UUID callId, long seq, String type, Instant at, JsonNode data) {

    public IncomingEvent {
        Objects.requireNonNull(callId, "call_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(data, "data");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1 but was " + seq);
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
    }
}
