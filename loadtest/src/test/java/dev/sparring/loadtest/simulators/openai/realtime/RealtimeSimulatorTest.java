package dev.sparring.loadtest.simulators.openai.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's wire behaviour seen from a plain JDK WebSocket client. */
class RealtimeSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RealtimeSimulator simulator;
    private final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        simulator = RealtimeSimulator.start(RealtimeSimulatorConfig.defaults("sk-sim", Path.of("../config/scripts"))
                .withLatencies(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(2)));
    }

    @AfterEach
    void stop() {
        simulator.close();
        http.close();
    }

    private WebSocket connect(String key, String query) {
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(URI.create(simulator.baseUrl() + "/v1/realtime" + query), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(text.toString()));
                            } catch (Exception e) {
                                received.add(JSON.createObjectNode().put("type", "unparseable"));
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }

    private List<JsonNode> ofType(String type) {
        return received.stream().filter(n -> n.path("type").asText().equals(type)).toList();
    }

    @Test
    void theUpgradeNeedsTheBearerKeyAndAModel() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> connect("sk-wrong", "?model=gpt-realtime")))
                .isInstanceOf(CompletionException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> connect("sk-sim", "")))
                .isInstanceOf(CompletionException.class);
        assertThat(simulator.stats().upgradeStatuses()).containsExactly(401, 400);
    }

    @Test
    void sessionUpdateIsEchoedAndBadEventsGetReferenceErrors() {
        WebSocket ws = connect("sk-sim", "?model=gpt-realtime");
        await().atMost(Duration.ofSeconds(30)).until(() -> !ofType("session.created").isEmpty());

        ws.sendText("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"instructions\":\"You are Jordan.\","
                + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcmu\"}}}}}", true).join();
        ws.sendText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"not base64!\",\"event_id\":\"e1\"}", true).join();
        ws.sendText("{\"type\":\"conversation.item.truncate\",\"item_id\":\"nope\",\"content_index\":0,\"audio_end_ms\":5}",
                true).join();
        ws.sendText("{\"type\":\"response.cancel\"}", true).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> ofType("error").size() == 3);
        assertThat(ofType("session.updated").getFirst().at("/session/instructions").asText()).isEqualTo("You are Jordan.");
        List<JsonNode> errors = ofType("error");
        assertThat(errors.get(0).at("/error/event_id").asText()).isEqualTo("e1");
        assertThat(errors.get(1).at("/error/code").asText()).isEqualTo("item_not_found");
        assertThat(errors.get(2).at("/error/code").asText()).isEqualTo("response_cancel_not_active");
        assertThat(simulator.stats().truncations()).containsExactly(new SimulatorStats.Truncation("nope", 0, 5));
        ws.abort();
    }

    @Test
    void aResponseStreamsAudioAndTranscriptInTheReferenceOrder() {
        WebSocket ws = connect("sk-sim", "?model=gpt-realtime");
        ws.sendText("{\"type\":\"response.create\",\"response\":{\"instructions\":\"Say \\\"Hello there.\\\"\"}}", true).join();

        await().atMost(Duration.ofSeconds(10)).until(() -> !ofType("response.done").isEmpty());
        List<String> order = received.stream().map(n -> n.path("type").asText()).distinct().toList();
        assertThat(order).containsSubsequence("session.created", "response.created", "response.output_item.added",
                "response.content_part.added", "response.output_audio.delta", "response.output_audio.done",
                "response.output_audio_transcript.done", "response.done");
        assertThat(ofType("response.output_audio_transcript.done").getFirst().path("transcript").asText())
                .isEqualTo("Hello there.");
        assertThat(ofType("response.done").getFirst().at("/response/status").asText()).isEqualTo("completed");
        ws.abort();
    }

    @Test
    void prospectLinesFollowInstructionsCurveballsAndTopics() {
        ProspectLines lines = new ProspectLines();
        assertThat(lines.reply(Optional.of("Open by saying exactly: \"Jordan here.\""), Optional.empty(), Optional.empty(), 0))
                .isEqualTo("Jordan here.");
        assertThat(lines.reply(Optional.empty(), Optional.of("Coach's curveball: work this in, in character: My wife wants quotes."),
                Optional.of("hello"), 1)).isEqualTo("Hold on. My wife wants quotes. So how do you answer that?");
        assertThat(lines.reply(Optional.empty(), Optional.empty(), Optional.of("What about the rate?"), 2))
                .contains("rate");
    }
}
