package dev.sparring.loadtest.simulators.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator seen from a plain JDK client, message by message, as
 * https://elevenlabs.io/docs/api-reference/text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input
 * and https://elevenlabs.io/docs/api-reference/text-to-speech/stream describe the exchanges.
 */
class ElevenLabsSimulatorTest {
    private static final String KEY = "sk-sim";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ElevenLabsSimulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        simulator = ElevenLabsSimulator.start(ElevenLabsSimulatorConfig.defaults(KEY)
                .withFirstAudioLatency(Duration.ofMillis(10)).withChunks(100, Duration.ofMillis(5)));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.shutdownNow();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.faults().reset();
    }

    private static URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + simulator.port() + "/v1/text-to-speech/voice1/multi-stream-input?" + query);
    }

    /** Collects text messages and the close; callbacks on the JDK client's thread. */
    private static final class Inbox implements WebSocket.Listener {
        final List<JsonNode> messages = new ArrayList<>();
        final List<String> raw = new ArrayList<>();
        volatile int closeCode = -1;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                raw.add(text);
                try {
                    messages.add(JSON.readTree(text));
                } catch (java.io.IOException e) {
                    messages.add(JSON.createObjectNode().put("unparseable", text));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        synchronized List<JsonNode> snapshot() {
            return List.copyOf(messages);
        }

        synchronized boolean finalFor(String context) {
            return messages.stream().anyMatch(m -> m.path("isFinal").asBoolean(false) && context.equals(m.path("contextId").asText()));
        }
    }

    private static WebSocket open(String query, Inbox inbox) {
        return http.newWebSocketBuilder().header("xi-api-key", KEY).buildAsync(ws(query), inbox).join();
    }

    @Test
    void speaksAFlushedContextWithAlignmentThenIsFinal() {
        Inbox inbox = new Inbox();
        WebSocket socket = open("model_id=eleven_flash_v2_5&output_format=ulaw_8000", inbox);
        socket.sendText("{\"text\":\" \",\"context_id\":\"c1\",\"voice_settings\":{\"stability\":0.5,\"similarity_boost\":0.8}}", true).join();
        socket.sendText("{\"text\":\"Hello there friend. \",\"context_id\":\"c1\",\"flush\":true}", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.finalFor("c1"));

        List<JsonNode> audio = inbox.snapshot().stream().filter(m -> m.hasNonNull("audio")).toList();
        assertThat(audio).isNotEmpty().allSatisfy(m -> assertThat(m.path("contextId").asText()).isEqualTo("c1"));
        int bytes = audio.stream().mapToInt(m -> Base64.getDecoder().decode(m.get("audio").asText()).length).sum();
        assertThat(bytes).isGreaterThan(8_000 / 2);
        StringBuilder chars = new StringBuilder();
        for (JsonNode m : audio) {
            JsonNode a = m.get("alignment");
            if (a != null && !a.isNull()) {
                assertThat(a.get("chars").size()).isEqualTo(a.get("charStartTimesMs").size()).isEqualTo(a.get("charDurationsMs").size());
                a.get("chars").forEach(c -> chars.append(c.asText()));
                assertThat(m.get("normalizedAlignment")).isEqualTo(a);
            }
        }
        assertThat(chars.toString()).isEqualTo("Hello there friend.");
        assertThat(inbox.snapshot().getLast().path("isFinal").asBoolean()).isTrue();
        socket.sendText("{\"close_socket\":true}", true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.closeCode == 1000);
    }

    @Test
    void closeContextStopsThatContextsAudioAtOnce() {
        Inbox inbox = new Inbox();
        WebSocket socket = open("output_format=pcm_16000", inbox);
        socket.sendText("{\"text\":\"This is a long reply that the caller is about to interrupt rudely. \",\"context_id\":\"a\",\"flush\":true}", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.snapshot().stream().anyMatch(m -> m.hasNonNull("audio")));
        socket.sendText("{\"context_id\":\"a\",\"close_context\":true}", true).join();
        socket.sendText("{\"text\":\"Sorry, go ahead. \",\"context_id\":\"b\",\"flush\":true}", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.finalFor("b"));

        List<JsonNode> all = inbox.snapshot();
        int firstOfB = 0;
        while (!all.get(firstOfB).path("contextId").asText().equals("b")) {
            firstOfB++;
        }
        assertThat(all.subList(firstOfB, all.size())).noneMatch(m -> m.path("contextId").asText().equals("a"));
        assertThat(inbox.finalFor("a")).isFalse();
    }

    @Test
    void anIdleSocketIsClosedAfterItsInactivityTimeoutAndKeepAlivesCount() {
        int keepAlives = simulator.stats().keepAlives();
        Inbox inbox = new Inbox();
        WebSocket socket = open("output_format=ulaw_8000&inactivity_timeout=1", inbox);
        socket.sendText("{\"text\":\"\",\"context_id\":\"x\"}", true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.closeCode == 1008);
        assertThat(simulator.stats().keepAlives() - keepAlives).isEqualTo(1);
    }

    @Test
    void aWrongKeyIsRefusedWithTheDocumentedErrorShape() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + simulator.port() + "/v1/text-to-speech/v/multi-stream-input?output_format=ulaw_8000"))
                .header("xi-api-key", "wrong").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(res.body()).path("detail").path("status").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void theHttpStreamAnswersChunkedAudioAndHonoursTheRateLimitKnob() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + simulator.port() + "/v1/text-to-speech/v/stream?output_format=ulaw_8000"))
                .header("xi-api-key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Just email it to me.\",\"model_id\":\"eleven_flash_v2_5\"}"))
                .build();
        simulator.faults().rateLimitNext(1, 3);
        HttpResponse<byte[]> limited = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");

        HttpResponse<byte[]> ok = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("audio/basic");
        assertThat(ok.body().length).isGreaterThan(8_000 / 2);
    }

    @Test
    void aMalformedMessageKnobSendsInvalidJsonOnce() {
        simulator.faults().malformedAfterChunks(1);
        Inbox inbox = new Inbox();
        WebSocket socket = open("output_format=ulaw_8000", inbox);
        socket.sendText("{\"text\":\"Fine. \",\"context_id\":\"m\",\"flush\":true}", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.finalFor("m"));
        assertThat(inbox.snapshot()).filteredOn(m -> m.has("unparseable")).hasSize(1);
    }

    @Test
    void aBadOutputFormatOrInactivityTimeoutIsRefused() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + simulator.port() + "/v1/text-to-speech/v/multi-stream-input?output_format=ulaw_8000&inactivity_timeout=500"))
                .header("xi-api-key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(400);
    }
}
