package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The media server's {@code barge_in} event: the rep cut the prospect off.
 *
 * @param atMs when the interruption was acted on, milliseconds since the call went live
 */
public record BargeIn(long atMs) {

    public BargeIn {
        if (atMs < 0) {
            throw new ScoringException("barge_in.at_ms must not be negative, got " + atMs);
        }
    }

    /** Reads the {@code data} object of a {@code barge_in} event; only {@code at_ms} is used. */
    public static BargeIn fromEventData(JsonNode data) {
        return new BargeIn(EventFields.requiredMillis(data, "barge_in", "at_ms"));
    }
}
