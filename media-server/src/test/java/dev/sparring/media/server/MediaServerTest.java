package dev.sparring.media.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.controlplane.FakeControlPlane;
import dev.sparring.media.controlplane.SharedSecrets;
import dev.sparring.media.controlplane.TestTokens;
import dev.sparring.media.twilio.RecordingPipeline;
import dev.sparring.media.twilio.TwilioFixtures;
import dev.sparring.media.twilio.TwilioSignatureValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server over real sockets, with the JDK's HTTP and WebSocket clients and a local control plane. */
class MediaServerTest {
    static final String SERVICE_KEY = "svc-key";
    static final String AUTH_TOKEN = "twilio-auth-token";
    static final String PUBLIC_URL = "wss://media.example.com";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path data;
    FakeControlPlane cp;
    MediaServer server;
    final List<RecordingPipeline> pipelines = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        cp = new FakeControlPlane(SERVICE_KEY);
        Map<String, String> env = new HashMap<>();
        env.put("SPARRING_MS_HTTP_PORT", "0");
        env.put("SPARRING_MS_WEBRTC_UDP_PORT", "0");
        env.put("SPARRING_MS_BIND_ADDRESS", "127.0.0.1");
        env.put("SPARRING_MS_PUBLIC_URL", PUBLIC_URL);
        env.put("SPARRING_MS_CONTROL_PLANE_URL", cp.url().toString());
        env.put("SPARRING_MS_DATA_DIR", data.toString());
        env.put("SPARRING_MS_OUTBOX_DIR", data.resolve("outbox").toString());
        env.put("SPARRING_MS_MAX_FRAME_SIZE", "4KiB");
        env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        MediaServerConfig config = MediaServerConfig.load(env, new Properties());
        server = MediaServer.start(config, new SharedSecrets(SERVICE_KEY, TestTokens.KEY), registry -> ctx -> {
            RecordingPipeline p = new RecordingPipeline(ctx);
            pipelines.add(p);
            return p;
        }, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        server.close();
        cp.close();
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(http(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> inject(String callId, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(http("/internal/calls/" + callId + "/injections"))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Client connect(Map<String, String> headers) {
        Client client = new Client();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/twilio/stream"), client)
                .orTimeout(5, TimeUnit.SECONDS).join();
        return client;
    }

    Client connectSigned() {
        return connect(Map.of("X-Twilio-Signature",
                new TwilioSignatureValidator(AUTH_TOKEN).sign(PUBLIC_URL + "/twilio/stream")));
    }

    static String token(String callId) {
        return TestTokens.mint(callId, "org-1", Instant.now().plusSeconds(300));
    }

    @Test
    void servesHealthReadinessAndMetrics() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body()).contains("sparring_active_calls").contains("sparring_outbox_bytes");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void carriesACallOverARealWebSocket() throws Exception {
        cp.sessions.put("call-1", FakeControlPlane.session("call-1", "org-1"));
        Client client = connectSigned();
        client.send(TwilioFixtures.connected());
        client.send(TwilioFixtures.start(token("call-1")));

        await().atMost(Duration.ofSeconds(30)).until(() -> client.messages.size() >= 2);
        JsonNode greeting = JSON.readTree(client.messages.get(0));
        assertThat(greeting.path("event").asText()).isEqualTo("media");
        assertThat(greeting.path("streamSid").asText()).isEqualTo(TwilioFixtures.STREAM);
        assertThat(JSON.readTree(client.messages.get(1)).path("event").asText()).isEqualTo("mark");

        client.send(TwilioFixtures.media(2, 1, new byte[160]));
        client.send(TwilioFixtures.mark(3, "greeting"));
        assertThat(inject("call-1", SERVICE_KEY,
                "{\"injection_id\":\"i1\",\"kind\":\"curveball\",\"text\":\"CFO wants quotes\",\"timing\":\"now\"}").statusCode())
                .isEqualTo(202);
        RecordingPipeline p = pipelines.get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> p.calls.contains("injection:curveball:CFO wants quotes"));
        assertThat(p.calls).contains("audio:160", "mark:greeting");

        client.send(TwilioFixtures.stop(4));
        assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(30)).until(() -> cp.completedCallIds.contains("call-1"));
        assertThat(cp.stored.get("call-1#1").path("type").asText()).isEqualTo("call.live");
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("hangup");
        assertThat(server.calls().size()).isZero();
    }

    @Test
    void refusesUpgradesWithAMissingOrForgedSignature() {
        assertHandshakeStatus(Map.of(), 403);
        assertHandshakeStatus(Map.of("X-Twilio-Signature",
                new TwilioSignatureValidator("forged").sign(PUBLIC_URL + "/twilio/stream")), 403);
        assertThat(server.registry().counter("sparring_rejected_messages", "reason", "signature-missing").count()).isEqualTo(1);
        assertThat(server.registry().counter("sparring_rejected_messages", "reason", "signature-invalid").count()).isEqualTo(1);
    }

    @Test
    void closesWith1009OnAnOversizedFrame() throws Exception {
        Client client = connectSigned();
        client.send("{\"event\":\"connected\",\"pad\":\"" + "x".repeat(8 * 1024) + "\"}");
        assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                server.registry().counter("sparring_rejected_messages", "reason", "frame-too-large").count() == 1);
    }

    @Test
    void answersInjectionsPerTheContract() throws Exception {
        String good = "{\"injection_id\":\"i1\",\"kind\":\"context\",\"text\":\"be warmer\",\"timing\":\"next-turn\"}";
        assertThat(inject("call-x", "wrong", good).statusCode()).isEqualTo(401);
        assertThat(inject("call-x", SERVICE_KEY, good).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = inject("call-x", SERVICE_KEY, "{\"injection_id\":\"i1\",\"kind\":\"shout\",\"text\":\"x\",\"timing\":\"now\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("content-type").orElseThrow()).isEqualTo("application/problem+json");
        assertThat(inject("call-x", SERVICE_KEY, "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void drainsLiveCallsThenStopsThemWithReasonDrain() throws Exception {
        cp.sessions.put("call-d", FakeControlPlane.session("call-d", "org-1"));
        Client client = connectSigned();
        client.send(TwilioFixtures.start(token("call-d")));
        await().atMost(Duration.ofSeconds(30)).until(() -> server.calls().size() == 1 && !pipelines.isEmpty());

        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> server.drain(Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/ready").statusCode() == 503);
        assertHandshakeStatus(Map.of("X-Twilio-Signature",
                new TwilioSignatureValidator(AUTH_TOKEN).sign(PUBLIC_URL + "/twilio/stream")), 503);

        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        drain.get(15, TimeUnit.SECONDS);
        assertThat(pipelines.get(0).calls).last().isEqualTo("stop:drain");
        assertThat(cp.completedCallIds).containsExactly("call-d");
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("drain");
    }

    void assertHandshakeStatus(Map<String, String> headers, int status) {
        assertThatThrownBy(() -> connect(headers))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(status));
    }

    /** A minimal Media Streams peer: collects text messages and the close code. */
    static final class Client implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void send(String text) throws ExecutionException, InterruptedException {
            socket.sendText(text, true).get();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
