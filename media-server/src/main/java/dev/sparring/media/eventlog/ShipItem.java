package dev.sparring.media.eventlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** What the shipper carries to the control plane, in append order: events and call completions. */
sealed interface ShipItem {

    /** One call event, already in its wire shape ({@code call_id, seq, type, at, data}). */
    record Event(String callId, long seq, ObjectNode json) implements ShipItem {}

    /** The end of a call: {@code POST /internal/calls/{id}/complete}. */
    record Completion(String callId, String reason, long lastSeq, Instant endedAt) implements ShipItem {}
}
