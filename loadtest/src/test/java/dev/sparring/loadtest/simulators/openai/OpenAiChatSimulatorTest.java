package dev.sparring.loadtest.simulators.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator against the wire format of https://platform.openai.com/docs/api-reference/chat/streaming
 * (chunk objects, {@code data: [DONE]}) and https://platform.openai.com/docs/guides/error-codes (error bodies).
 */
class OpenAiChatSimulatorTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSONA = """
            You are Dana Whitfield, a homeowner at a small residential company.
            Objections to use during the conversation: Rates are too high right now; I'm happy with my current lender
            Stay in character. Keep answers short and spoken, one or two sentences.""";

    private static final HttpResponse.BodyHandler<List<String>> LINES = info -> HttpResponse.BodySubscribers.mapping(
            HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), s -> List.of(s.split("\n", -1)));

    private static OpenAiChatSimulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        simulator = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults(KEY)
                .withLatencies(Duration.ofMillis(5), Duration.ofMillis(1)));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        simulator.close();
    }

    @Test
    void streamsTheReplyAsChunksThenDone() throws Exception {
        HttpResponse<List<String>> response = post(KEY, body("What about your price?", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<String> lines = response.body();
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                chunks.add(JSON.readTree(line.substring(6)));
            } else {
                assertThat(line).isIn("", "data: [DONE]");
            }
        }
        assertThat(lines).filteredOn(l -> !l.isEmpty()).last().isEqualTo("data: [DONE]");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText()).startsWith("chatcmpl-");
            assertThat(c.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(c.path("created").isIntegralNumber()).isTrue();
            assertThat(c.path("choices").get(0).path("index").asInt()).isZero();
        });
        JsonNode first = chunks.get(0).path("choices").get(0);
        assertThat(first.path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("finish_reason").isNull()).isTrue();
        JsonNode last = chunks.get(chunks.size() - 1).path("choices").get(0);
        assertThat(last.path("delta").isEmpty()).isTrue();
        assertThat(last.path("finish_reason").asText()).isEqualTo("stop");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").get(0).path("delta").path("content").asText("")));
        assertThat(text.toString()).isEqualTo("Before we go any further, what is this going to cost me, all in?");
        assertThat(chunks).hasSize(2 + text.toString().split(" ").length);
    }

    @Test
    void answersWholeWhenNotStreaming() throws Exception {
        HttpResponse<List<String>> response = post(KEY, body("Can we set up a demo next week?", false));

        JsonNode completion = JSON.readTree(String.join("\n", response.body()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(completion.at("/choices/0/message/content").asText()).startsWith("Alright, I could do a short follow-up.");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void voicesACurveballWhenTheRequestAsksForOne() throws Exception {
        String body = """
                {"model": "gpt-4o-mini", "stream": false, "messages": [
                  {"role": "system", "content": %s},
                  {"role": "user", "content": "So, shall we talk about the rate?"},
                  {"role": "system", "content": "Coach curveball: in this reply, bring this up in your own words: \\"My CFO wants three competing quotes\\""}
                ]}""".formatted(JSON.writeValueAsString(PERSONA));

        JsonNode completion = JSON.readTree(String.join("\n", post(KEY, body).body()));

        assertThat(completion.at("/choices/0/message/content").asText())
                .isEqualTo("Hold on. My CFO wants three competing quotes. So how do you answer that?");
    }

    @Test
    void cutsTheReplyAtMaxTokens() throws Exception {
        String body = """
                {"model": "m", "stream": true, "max_tokens": 3, "messages": [{"role": "user", "content": "hello there"}]}""";

        List<String> lines = post(KEY, body).body();

        assertThat(lines).anyMatch(l -> l.contains("\"finish_reason\":\"length\""));
        assertThat(lines.stream().filter(l -> l.contains("\"content\":\"") && !l.contains("\"content\":\"\"")).count())
                .isEqualTo(3);
    }

    @Test
    void rejectsAMissingOrWrongKeyWithOpenAisErrorBody() throws Exception {
        HttpResponse<List<String>> missing = http.send(HttpRequest.newBuilder(completions())
                        .POST(HttpRequest.BodyPublishers.ofString(body("hi", true))).build(),
                LINES);
        HttpResponse<List<String>> wrong = post("sk-wrong-key-000000", body("hi", true));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(error(missing).path("message").asText()).startsWith("You didn't provide an API key.");
        assertThat(wrong.statusCode()).isEqualTo(401);
        JsonNode error = error(wrong);
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).startsWith("Incorrect API key provided: sk-w***********0000.");
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void validatesTheBody() throws Exception {
        HttpResponse<List<String>> noModel = post(KEY, """
                {"messages": [{"role": "user", "content": "hi"}]}""");
        HttpResponse<List<String>> noMessages = post(KEY, """
                {"model": "gpt-4o-mini", "stream": true}""");
        HttpResponse<List<String>> notJson = post(KEY, "{\"model\": ");

        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(error(noModel).path("message").asText()).isEqualTo("you must provide a model parameter");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(error(noMessages).path("param").asText()).isEqualTo("messages");
        assertThat(error(noMessages).path("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(error(notJson).path("message").asText()).startsWith("We could not parse the JSON body");
    }

    @Test
    void injectedFaultsApplyOncePerRequestInOrder() throws Exception {
        simulator.injectNext(new SimulatorFault.RateLimited(Duration.ofMillis(1500)));
        simulator.injectNext(new SimulatorFault.ServerError());
        simulator.injectNext(new SimulatorFault.Unauthorized());
        simulator.injectNext(new SimulatorFault.SlowFirstByte(Duration.ofMillis(20)));

        HttpResponse<List<String>> limited = post(KEY, body("hi", true));
        HttpResponse<List<String>> broken = post(KEY, body("hi", true));
        HttpResponse<List<String>> revoked = post(KEY, body("hi", true));
        HttpResponse<List<String>> slow = post(KEY, body("hi", true));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
        assertThat(limited.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(error(limited).path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(error(broken).path("type").asText()).isEqualTo("server_error");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slow.body()).contains("data: [DONE]");
    }

    @Test
    void malformedChunkIsCutJsonInTheMiddleOfTheStream() throws Exception {
        simulator.injectNext(new SimulatorFault.MalformedChunk(2));

        List<String> data = post(KEY, body("hello", true)).body().stream().filter(l -> l.startsWith("data: ")).toList();

        assertThat(data.get(3)).startsWith("data: {\"id\":\"chatcmpl-");
        assertThatThrownBy(() -> JSON.readTree(data.get(3).substring(6))).isInstanceOf(IOException.class);
        assertThat(data).last().isEqualTo("data: [DONE]");
    }

    @Test
    void dropsTheConnectionMidStreamWithoutDone() throws Exception {
        simulator.injectNext(new SimulatorFault.DropMidStream(2));

        String raw = rawExchange(body("hello", true), Integer.MAX_VALUE);

        assertThat(raw).startsWith("HTTP/1.1 200 OK").contains("\"content\":\" is\"").doesNotContain("[DONE]");
    }

    @Test
    void countsAStreamTheClientAbandons() throws Exception {
        long abortedBefore = simulator.stats().abortedByClient();

        String raw = rawExchange(body("hello", true), 1);

        assertThat(raw).startsWith("HTTP/1.1 200 OK");
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.stats().abortedByClient() == abortedBefore + 1);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/models"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).isEqualTo("Invalid URL (GET /v1/models)");
    }

    private static URI completions() {
        return simulator.baseUrl().resolve("/v1/chat/completions");
    }

    private static HttpResponse<List<String>> post(String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(completions())
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                LINES);
    }

    private static JsonNode error(HttpResponse<List<String>> response) throws IOException {
        return JSON.readTree(String.join("\n", response.body())).path("error");
    }

    private static String body(String repSaid, boolean stream) throws IOException {
        return """
                {"model": "gpt-4o-mini", "stream": %s, "messages": [
                  {"role": "system", "content": %s},
                  {"role": "assistant", "content": "Hello, this is Dana."},
                  {"role": "user", "content": %s}]}""".formatted(stream, JSON.writeValueAsString(PERSONA),
                JSON.writeValueAsString(repSaid));
    }

    /** Sends one request on a raw socket and reads until the server closes or {@code dataEvents} data lines arrived. */
    private static String rawExchange(String body, int dataEvents) throws IOException {
        try (Socket socket = new Socket(simulator.baseUrl().getHost(), simulator.baseUrl().getPort())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (received.toString().split("data: ", -1).length - 1 >= dataEvents) {
                    break;
                }
            }
            return received.toString();
        }
    }
}
