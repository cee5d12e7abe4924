package dev.sparring.media.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.media.pipeline.CallEventSink;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call's append-only event log: numbers events 1, 2, 3… and stamps them with the injected
 * clock, then hands them to the process-wide {@link EventShipper}.
 *
 * <p>Owns the call's sequence counter. Thread-safe and non-blocking: the pipeline may append from
 * the call's executor or from provider callbacks.
 */
public final class CallEventLog implements CallEventSink {
    private final String callId;
    private final Clock clock;
    private final EventShipper shipper;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicBoolean completed = new AtomicBoolean();

    CallEventLog(String callId, Clock clock, EventShipper shipper) {
        this.callId = callId;
        this.clock = clock;
        this.shipper = shipper;
    }

    @Override
    public void append(String type, Map<String, Object> data) {
        ObjectNode json = EventShipper.JSON.createObjectNode();
        // seq is taken and the event queued under one lock so queue order equals seq order.
        synchronized (this) {
            long next = seq.incrementAndGet();
            json.put("call_id", callId).put("seq", next).put("type", type)
                    .put("at", EventShipper.TIMESTAMP.format(clock.instant()));
            json.set("data", toJson(data));
            shipper.enqueue(new ShipItem.Event(callId, next, json));
        }
    }

    /**
     * Ends the log: queues {@code POST /internal/calls/{id}/complete} with the last seq after every
     * event appended so far. Idempotent; returns false if already completed.
     */
    public boolean complete(String reason) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        synchronized (this) {
            shipper.complete(new ShipItem.Completion(callId, reason, seq.get(), clock.instant()));
        }
        return true;
    }

    public String callId() {
        return callId;
    }

    /** The seq of the last appended event (0 before the first). */
    public long lastSeq() {
        return seq.get();
    }

    private static JsonNode toJson(Map<String, Object> data) {
        try {
            return EventShipper.JSON.valueToTree(data);
        } catch (IllegalArgumentException e) {
            // An unserialisable value must not lose the event: keep its text form.
            ObjectNode fallback = EventShipper.JSON.createObjectNode();
            data.forEach((k, v) -> fallback.put(k, String.valueOf(v)));
            return fallback;
        }
    }
}
