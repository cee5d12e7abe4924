package dev.sparring.controlplane.calls;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code POST /internal/events} body: events across calls plus the heartbeat for the calls the media
 * server is running.
 */
public record EventBatch(String serverId, String serverUrl, List<UUID> liveCalls, List<IncomingEvent> events) {

    public EventBatch {
        Objects.requireNonNull(serverId, "server_id");
        Objects.requireNonNull(serverUrl, "server_url");
        liveCalls = List.copyOf(liveCalls);
        events = List.copyOf(events);
    }
}
