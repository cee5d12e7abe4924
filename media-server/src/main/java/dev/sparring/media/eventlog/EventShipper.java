package dev.sparring.media.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.media.controlplane.ControlPlaneClient;
import dev.sparring.media.controlplane.ControlPlaneException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the events of every call on this server to the control plane in batches
 * ({@code POST /internal/events}), with the {@code live_calls} heartbeat, and completes ended calls
 * ({@code POST /internal/calls/{id}/complete}) after their last events.
 *
 * <p>Every batch interval (≤ 1 s) it drains the in-memory queue. While the control plane answers,
 * the batch is posted at once over the client's persistent connection. When a post fails with a
 * retryable error, the batch is written to the durable {@link Outbox}; from then on every new batch
 * is appended behind it (so order is kept and the disk is written at least every interval while the
 * control plane is down) and the outbox is replayed oldest first with exponential backoff up to
 * {@code control-plane-max-backoff}. Events the control plane rejects are counted and never resent.
 *
 * <p>Owns the queue, the live-call set, the outbox and one daemon thread, the only thread that
 * touches the outbox and performs (blocking) HTTP calls; appending from any thread never blocks.
 */
public final class EventShipper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventShipper.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ControlPlaneClient client;
    private final Clock clock;
    private final String serverId;
    private final String serverUrl;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Outbox outbox;
    private final Queue<ShipItem> queue = new ConcurrentLinkedQueue<>();
    private final Set<String> liveCalls = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread;
    private final Counter shipped;
    private final Counter spooled;
    private final Counter rejected;
    private final Counter dropped;
    private final Counter completions;
    private final Counter failures;
    private Duration backoff;
    private Instant nextReplay = Instant.MIN;
    private long droppedSeen;

    public EventShipper(ControlPlaneClient client, Clock clock, String serverId, String serverUrl,
                        Duration interval, Duration maxBackoff, Path outboxDir, long outboxCapBytes,
                        MeterRegistry registry) {
        this.client = client;
        this.clock = clock;
        this.serverId = serverId;
        this.serverUrl = serverUrl;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.backoff = interval;
        this.outbox = new Outbox(outboxDir, outboxCapBytes, EventShipper::countEvents);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-shipper");
            t.setDaemon(true);
            return t;
        });
        this.shipped = registry.counter("sparring_events_shipped");
        this.spooled = registry.counter("sparring_events_spooled");
        this.rejected = registry.counter("sparring_events_rejected");
        this.dropped = registry.counter("sparring_outbox_dropped_events");
        this.completions = registry.counter("sparring_calls_completed_shipped");
        this.failures = registry.counter("sparring_control_plane_failures");
        Gauge.builder("sparring_outbox_bytes", this, s -> s.outboxBytesSnapshot).register(registry);
        Gauge.builder("sparring_outbox_batches", this, s -> s.outboxBatchesSnapshot).register(registry);
        updateOutboxGauges();
    }

    // Written by the shipper thread, read by the metrics scrape: volatile snapshots, no locking.
    private volatile long outboxBytesSnapshot;
    private volatile int outboxBatchesSnapshot;

    /** Starts the periodic shipping. */
    public void start() {
        thread.scheduleWithFixedDelay(this::tickSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new event log for a call that just went live; the call joins {@code live_calls}. */
    public CallEventLog openCall(String callId) {
        liveCalls.add(callId);
        return new CallEventLog(callId, clock, this);
    }

    /** Queues an event; called by {@link CallEventLog} from any thread. */
    void enqueue(ShipItem.Event event) {
        queue.add(event);
    }

    /** Queues the completion after the call's events and drops the call from {@code live_calls}. */
    void complete(ShipItem.Completion completion) {
        queue.add(completion);
        liveCalls.remove(completion.callId());
    }

    /** Calls currently in {@code live_calls}. */
    public Set<String> liveCalls() {
        return Set.copyOf(liveCalls);
    }

    /**
     * Ships or spools everything queued so far and waits for it (used by drain and tests).
     * Returns true when the outbox is empty afterwards, i.e. everything reached the control plane.
     */
    public boolean flush(Duration timeout) {
        try {
            return thread.submit(() -> {
                nextReplay = Instant.MIN;
                tick();
                return outbox.isEmpty() && queue.isEmpty();
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("flushing events failed: {}", e.toString());
            return false;
        }
    }

    /** Flushes once more (spooling what cannot be sent) and stops the shipper thread. */
    @Override
    public void close() {
        flush(interval.plus(Duration.ofSeconds(5)));
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad tick must not stop shipping.
            log.error("event shipper tick failed", e);
        }
    }

    /** One round: drain the queue, then post it or spool it, then replay the outbox when due. */
    void tick() {
        List<ShipItem> drained = new ArrayList<>();
        for (ShipItem item; (item = queue.poll()) != null; ) {
            drained.add(item);
        }
        if (outbox.isEmpty()) {
            if (!drained.isEmpty() || !liveCalls.isEmpty()) {
                Batch batch = new Batch(drained);
                if (send(batch) == Outcome.RETRY) {
                    spool(batch);
                    scheduleRetry();
                }
            }
        } else {
            if (!drained.isEmpty()) {
                spool(new Batch(drained));
            }
            replayIfDue();
        }
        updateOutboxGauges();
    }

    private void replayIfDue() {
        if (clock.instant().isBefore(nextReplay)) {
            return;
        }
        while (true) {
            var stored = outbox.oldest();
            if (stored.isEmpty()) {
                backoff = interval;
                log.info("control plane reachable again: outbox replayed");
                return;
            }
            Batch batch;
            try {
                batch = Batch.parse(JSON.readTree(stored.get().bytes()));
            } catch (IOException | RuntimeException e) {
                log.error("outbox batch {} is unreadable and is skipped", stored.get().seq(), e);
                outbox.remove(stored.get().seq());
                continue;
            }
            if (send(batch) == Outcome.RETRY) {
                scheduleRetry();
                return;
            }
            outbox.remove(stored.get().seq());
        }
    }

    private void scheduleRetry() {
        nextReplay = clock.instant().plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private void spool(Batch batch) {
        outbox.append(batch.toJson().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        spooled.increment(batch.events().size());
        long nowDropped = outbox.droppedEvents();
        dropped.increment(nowDropped - droppedSeen);
        droppedSeen = nowDropped;
    }

    private enum Outcome { DONE, RETRY }

    /** Posts the batch's events, then its completions; RETRY means resend the whole batch later. */
    private Outcome send(Batch batch) {
        if (!batch.events().isEmpty() || !liveCalls.isEmpty()) {
            ObjectNode body = JSON.createObjectNode();
            body.put("server_id", serverId).put("server_url", serverUrl);
            ArrayNode live = body.putArray("live_calls");
            liveCalls.forEach(live::add);
            ArrayNode events = body.putArray("events");
            batch.events().forEach(events::add);
            try {
                JsonNode answer = client.postEvents(JSON.writeValueAsBytes(body));
                shipped.increment(batch.events().size());
                countRejected(answer);
            } catch (ControlPlaneException e) {
                failures.increment();
                if (e.retryable()) {
                    log.warn("shipping {} events failed, will retry: {}", batch.events().size(), e.getMessage());
                    return Outcome.RETRY;
                }
                // A 4xx means the body itself is wrong; resending the same bytes can never succeed.
                rejected.increment(batch.events().size());
                log.error("control plane refused a batch of {} events: {}", batch.events().size(), e.getMessage());
            } catch (IOException e) {
                throw new OutboxException("cannot serialise an event batch", e);
            }
        }
        for (ShipItem.Completion c : batch.completions()) {
            ObjectNode body = JSON.createObjectNode()
                    .put("reason", c.reason()).put("last_seq", c.lastSeq())
                    .put("ended_at", TIMESTAMP.format(c.endedAt()));
            try {
                client.complete(c.callId(), body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                completions.increment();
            } catch (ControlPlaneException e) {
                failures.increment();
                if (e.retryable()) {
                    log.warn("completing call {} failed, will retry: {}", c.callId(), e.getMessage());
                    return Outcome.RETRY;
                }
                log.error("control plane refused completing call {}: {}", c.callId(), e.getMessage());
            }
        }
        return Outcome.DONE;
    }

    private void countRejected(JsonNode answer) {
        JsonNode list = answer.path("rejected");
        if (list.isArray() && !list.isEmpty()) {
            rejected.increment(list.size());
            for (JsonNode r : list) {
                log.warn("control plane rejected event {}#{}: {}", r.path("call_id").asText(),
                        r.path("seq").asText(), r.path("reason").asText());
            }
        }
    }

    private void updateOutboxGauges() {
        outboxBytesSnapshot = outbox.bytes();
        outboxBatchesSnapshot = outbox.batches();
    }

    /** Outbox size in bytes as last seen by the shipper thread. */
    public long outboxBytes() {
        return outboxBytesSnapshot;
    }

    private static long countEvents(byte[] stored) {
        try {
            return JSON.readTree(stored).path("events").size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** One interval's worth of items, split for the two endpoints, in order. */
    record Batch(List<ObjectNode> events, List<ShipItem.Completion> completions) {
        Batch(List<ShipItem> items) {
            this(items.stream().filter(i -> i instanceof ShipItem.Event).map(i -> ((ShipItem.Event) i).json()).toList(),
                    items.stream().filter(i -> i instanceof ShipItem.Completion).map(i -> (ShipItem.Completion) i).toList());
        }

        ObjectNode toJson() {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode ev = root.putArray("events");
            events.forEach(ev::add);
            ArrayNode done = root.putArray("completions");
            for (ShipItem.Completion c : completions) {
                done.addObject().put("call_id", c.callId()).put("reason", c.reason())
                        .put("last_seq", c.lastSeq()).put("ended_at", TIMESTAMP.format(c.endedAt()));
            }
            return root;
        }

        static Batch parse(JsonNode root) {
            List<ObjectNode> events = new ArrayList<>();
            root.path("events").forEach(e -> events.add((ObjectNode) e));
            List<ShipItem.Completion> done = new ArrayList<>();
            for (JsonNode c : root.path("completions")) {
                done.add(new ShipItem.Completion(c.path("call_id").asText(), c.path("reason").asText(),
                        c.path("last_seq").asLong(), Instant.parse(c.path("ended_at").asText())));
            }
            return new Batch(events, done);
        }
    }
}
