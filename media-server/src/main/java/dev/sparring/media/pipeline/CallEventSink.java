package dev.sparring.media.pipeline;

import java.util.Map;

/** Append-only call event log (the eventlog package implements it). Thread-safe; never blocks. */
public interface CallEventSink {
    /** Appends an event of {@code type} with a JSON-serialisable data map; assigns the next seq. */
    void append(String type, Map<String, Object> data);
}
