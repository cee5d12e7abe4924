package dev.sparring.media.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server speaking the control plane's internal API (docs/contract.md) for tests:
 * records every event batch and completion, serves sessions, stores events idempotently by
 * (call_id, seq), and can be switched to answer 503 as if it were down.
 */
public final class FakeControlPlane implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> batches = new CopyOnWriteArrayList<>();
    public final List<JsonNode> completions = new CopyOnWriteArrayList<>();
    public final List<String> completedCallIds = new CopyOnWriteArrayList<>();
    /** Stored events by "callId#seq", in the order first stored. */
    public final Map<String, JsonNode> stored = new ConcurrentHashMap<>();
    public final List<String> storedOrder = new CopyOnWriteArrayList<>();
    public final Map<String, JsonNode> sessions = new ConcurrentHashMap<>();
    public final AtomicBoolean down = new AtomicBoolean();
    public final AtomicInteger duplicates = new AtomicInteger();
    public final AtomicInteger failedRequests = new AtomicInteger();
    private final String serviceKey;
    private final HttpServer server;

    public FakeControlPlane(String serviceKey) throws IOException {
        this.serviceKey = serviceKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A session document in the contract's shape for a call of {@code orgId}. */
    public static ObjectNode session(String callId, String orgId) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("call").put("id", callId).put("org_id", orgId).put("channel", "twilio").put("state", "connecting");
        root.putObject("persona").put("id", "skeptical-buyer").put("name", "Dana Whitfield")
                .put("first_message", "Dana speaking.");
        root.putObject("scenario").put("id", "refinance-rate-shopper").put("persona", "skeptical-buyer");
        root.put("prompt", "You are Dana Whitfield.");
        return root;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + serviceKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{}");
                return;
            }
            if (down.get()) {
                failedRequests.incrementAndGet();
                respond(exchange, 503, "{}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            if (path.equals("/internal/events") && exchange.getRequestMethod().equals("POST")) {
                JsonNode batch = JSON.readTree(body);
                batches.add(batch);
                int storedNow = 0;
                for (JsonNode e : batch.path("events")) {
                    String key = e.path("call_id").asText() + "#" + e.path("seq").asLong();
                    if (stored.putIfAbsent(key, e) == null) {
                        storedOrder.add(key);
                        storedNow++;
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
                respond(exchange, 200, "{\"stored\":" + storedNow + ",\"duplicates\":0,\"rejected\":[]}");
            } else if (parts.length == 5 && parts[4].equals("complete")) {
                completions.add(JSON.readTree(body));
                completedCallIds.add(parts[3]);
                respond(exchange, 200, "{}");
            } else if (parts.length == 5 && parts[4].equals("session")) {
                JsonNode session = sessions.get(parts[3]);
                respond(exchange, session == null ? 404 : 200, session == null ? "{}" : session.toString());
            } else {
                respond(exchange, 404, "{}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
