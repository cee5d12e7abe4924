package dev.sparring.controlplane.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Pushes ingested call events to subscribed pages as server-sent events, the moment ingestion has
 * stored them. Owns the open streams (per call id) and one daemon thread that sends keep-alive
 * comments; thread-safe.
 */
public final class LiveEvents implements AutoCloseable {
    private final ObjectMapper json;
    private final Map<UUID, Set<SseStream>> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keepalive;

    public LiveEvents(ObjectMapper json, Duration keepaliveInterval, MeterRegistry registry) {
        this.json = json;
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-keepalive");
            t.setDaemon(true);
            return t;
        });
        long ms = keepaliveInterval.toMillis();
        keepalive.scheduleAtFixedRate(this::ping, ms, ms, TimeUnit.MILLISECONDS);
        registry.gauge("sparring.live.subscribers", streams, s -> s.values().stream().mapToInt(Set::size).sum());
    }

    /**
     * Opens a stream for one call: answers the headers, sends the history, then every new event.
     * The caller returns {@code Reply.STREAMING}; the request completes when the client disconnects
     * or {@link #endCall} is called.
     */
    public void subscribe(UUID callId, List<LiveEvent> history, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Accel-Buffering", "no");
        Set<SseStream> set = streams.computeIfAbsent(callId, id -> ConcurrentHashMap.newKeySet());
        SseStream[] holder = new SseStream[1];
        holder[0] = new SseStream(response, callback, () -> set.remove(holder[0]));
        // Registered before the history is sent, so nothing ingested in between is missed; the
        // stream itself drops what it already sent.
        set.add(holder[0]);
        holder[0].comment("call " + callId);
        for (LiveEvent event : history) {
            holder[0].send(event, render(event));
        }
    }

    /** Called by ingestion after a batch is committed. */
    public void publish(List<LiveEvent> events) {
        for (LiveEvent event : events) {
            Set<SseStream> set = streams.get(event.callId());
            if (set == null || set.isEmpty()) {
                continue;
            }
            String rendered = render(event);
            set.forEach(s -> s.send(event, rendered));
        }
    }

    /** Ends every stream of a call (after it ended and was scored, pages fetch the result). */
    public void endCall(UUID callId) {
        Set<SseStream> set = streams.remove(callId);
        if (set != null) {
            List.copyOf(set).forEach(SseStream::close);
        }
    }

    public int subscribers(UUID callId) {
        return streams.getOrDefault(callId, Set.of()).size();
    }

    private void ping() {
        streams.values().forEach(set -> set.forEach(s -> s.comment("keep-alive")));
    }

    private String render(LiveEvent event) {
        ObjectNode node = json.createObjectNode();
        node.put("call_id", event.callId().toString());
        node.put("seq", event.seq());
        node.put("type", event.type());
        node.put("at", event.at().toString());
        node.set("data", event.data());
        return node.toString();
    }

    @Override
    public void close() {
        keepalive.shutdownNow();
        streams.keySet().forEach(this::endCall);
    }
}
