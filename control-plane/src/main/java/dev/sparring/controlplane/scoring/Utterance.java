package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One stretch of speech by one party, as recorded by the {@code utterance} event.
 *
 * @param speaker     who spoke
 * @param text        what was said (for the prospect: what the caller heard)
 * @param startMs     milliseconds since the call went live
 * @param endMs       milliseconds since the call went live, not before {@code startMs}
 * @param interrupted whether this utterance was cut off by the other party
 */
public record Utterance(Speaker speaker, String text, long startMs, long endMs, boolean interrupted) {

    public Utterance {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        if (startMs < 0) {
            throw new ScoringException("utterance.start_ms must not be negative, got " + startMs);
        }
        if (endMs < startMs) {
            throw new ScoringException("utterance.end_ms (" + endMs + ") is before start_ms (" + startMs + ")");
        }
    }

    public static Utterance rep(String text, long startMs, long endMs) {
        return new Utterance(Speaker.REP, text, startMs, endMs, false);
    }

    public static Utterance prospect(String text, long startMs, long endMs) {
        return new Utterance(Speaker.PROSPECT, text, startMs, endMs, false);
    }

    public long durationMs() {
        return endMs - startMs;
    }

    /**
     * Reads the {@code data} object of an {@code utterance} event (see docs/contract.md):
     * {@code speaker}, {@code text}, {@code start_ms}, {@code end_ms} are required, {@code interrupted}
     * defaults to false; other fields are ignored.
     */
    public static Utterance fromEventData(JsonNode data) {
        JsonNode speaker = data.path("speaker");
        if (!speaker.isTextual()) {
            throw new ScoringException("utterance.speaker is missing or not a string");
        }
        JsonNode text = data.path("text");
        if (!text.isTextual()) {
            throw new ScoringException("utterance.text is missing or not a string");
        }
        JsonNode interrupted = data.path("interrupted");
        if (!interrupted.isMissingNode() && !interrupted.isNull() && !interrupted.isBoolean()) {
            throw new ScoringException("utterance.interrupted must be a boolean");
        }
        return new Utterance(Speaker.fromWire(speaker.asText()), text.asText(),
                EventFields.requiredMillis(data, "utterance", "start_ms"),
                EventFields.requiredMillis(data, "utterance", "end_ms"),
                interrupted.asBoolean(false));
    }
}
