package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.databind.JsonNode;

/** Field readers shared by the event-payload factories, so every bad field is reported the same way. */
final class EventFields {

    private EventFields() {
    }

    static long requiredMillis(JsonNode data, String event, String field) {
        JsonNode node = data.path(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ScoringException(event + "." + field + " is missing or not an integer");
        }
        return node.asLong();
    }
}
