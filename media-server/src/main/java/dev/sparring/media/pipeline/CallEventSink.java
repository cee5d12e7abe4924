package dev.sparring.media.pipeline;

import java.util.Map;

/** Append-only call event log (the eventlog package implements it). Thread-safe; never blocks. */
public interface CallEventSink {
    /** Appends an event of {@code type} with a JSON-serialisable data map; assigns the next seq. */
    void append(String type, Map<String, Object> data);

    /** Appends an event whose data is given as alternating field names and values, in that order. */
    default void appendFields(String type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("event " + type + ": a field name without a value");
        }
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        append(type, data);
    }
}
