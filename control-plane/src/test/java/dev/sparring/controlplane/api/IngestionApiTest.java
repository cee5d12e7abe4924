package dev.sparring.controlplane.api;

import static dev.sparring.controlplane.ControlPlaneHarness.json;
import static dev.sparring.controlplane.api.CallsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.ControlPlaneHarness;
import dev.sparring.controlplane.db.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The media server's side of the contract: sessions, event batches, completion, live events. */
class IngestionApiTest {
    private static ControlPlaneHarness cp;

    @BeforeAll
    static void start() throws Exception {
        cp = ControlPlaneHarness.onSharedDatabase(Map.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    static String newCall(ControlPlaneHarness cp) throws Exception {
        HttpResponse<String> r = cp.post("/api/calls", cp.adminKey, "{\"scenario_id\":\"refinance-rate-shopper\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    /** A batch for one call with events {@code seqs}: call.live first, then utterances. */
    static String batch(String callId, List<Integer> seqs) {
        ObjectNode body = ControlPlaneHarness.JSON.createObjectNode();
        body.put("server_id", "ms-test").put("server_url", "http://127.0.0.1:1");
        body.putArray("live_calls").add(callId);
        ArrayNode events = body.putArray("events");
        for (int seq : seqs) {
            ObjectNode e = events.addObject();
            e.put("call_id", callId).put("seq", seq).put("at", Instant.parse("2026-11-22T10:00:00Z").plusMillis(seq * 1000L).toString());
            if (seq == 1) {
                e.put("type", "call.live");
                e.putObject("data").put("stream_sid", "MZ1").put("channel", "twilio");
            } else {
                e.put("type", "utterance");
                boolean rep = seq % 2 == 0;
                e.putObject("data").put("speaker", rep ? "rep" : "prospect").put("turn", seq)
                        .put("text", (rep ? "Rep line " : "Prospect line ") + seq + (rep ? ", what rate did you see?" : "."))
                        .put("start_ms", seq * 3000L).put("end_ms", seq * 3000L + 2000).put("recognised", true).put("interrupted", false);
            }
        }
        return body.toString();
    }

    private static JsonNode ingest(String body) throws Exception {
        HttpResponse<String> r = cp.post("/internal/events", cp.serviceKey(), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void theContractFixtureBatchIsStoredAndMaterialised() throws Exception {
        String callId = newCall(cp);
        String fixture = Files.readString(Path.of("../config/contract/events-batch.json")).replace("{{call_id}}", callId);
        JsonNode result = ingest(fixture);
        JsonNode sent = ControlPlaneHarness.JSON.readTree(fixture);
        assertThat(result.get("stored").asInt()).isEqualTo(sent.get("events").size());
        JsonNode call = json(cp.get("/api/calls/" + callId, cp.adminKey));
        assertThat(call.get("state").asText()).isEqualTo("live");
        assertThat(call.get("media_server_id").asText()).isEqualTo(sent.get("server_id").asText());
        assertThat(call.get("transcript")).hasSize((int) sent.findValues("type").stream().filter(t -> t.asText().equals("utterance")).count());
        JsonNode cut = call.get("transcript").get(2);
        assertThat(cut.get("interrupted").asBoolean()).isTrue();
        assertThat(cut.get("generated_text").asText()).startsWith(cut.get("text").asText());
    }

    @Test
    void duplicateAndOutOfOrderBatchesAreStoredExactlyOnce() throws Exception {
        String callId = newCall(cp);
        assertThat(ingest(batch(callId, List.of(3, 4))).get("stored").asInt()).isEqualTo(2);    // ahead of order
        assertThat(ingest(batch(callId, List.of(1, 2, 3))).get("duplicates").asInt()).isEqualTo(1);
        JsonNode again = ingest(batch(callId, List.of(1, 2, 3, 4)));
        assertThat(again.get("stored").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(4);

        // Two media-server retries racing each other.
        List<Integer> seqs = new ArrayList<>();
        for (int i = 5; i <= 40; i++) {
            seqs.add(i);
        }
        List<Integer> reversed = new ArrayList<>(seqs);
        Collections.reverse(reversed);
        List<Thread> threads = List.of(
                Thread.ofPlatform().start(() -> quietly(() -> ingest(batch(callId, seqs)))),
                Thread.ofPlatform().start(() -> quietly(() -> ingest(batch(callId, reversed)))));
        for (Thread t : threads) {
            t.join();
        }
        JsonNode call = json(cp.get("/api/calls/" + callId, cp.adminKey));
        assertThat(call.get("events")).hasSize(40);
        assertThat(call.get("transcript")).hasSize(39);
        assertThat(call.get("events").findValuesAsText("seq").stream().distinct().count()).isEqualTo(40);
    }

    @Test
    void refusesMalformedBatchesWholeAndRejectsUnknownCallsOneByOne() throws Exception {
        String callId = newCall(cp);
        assertProblem(cp.post("/internal/events", cp.serviceKey(), "{\"server_id\":\"x\""), 400, "malformed JSON");
        String badSeq = batch(callId, List.of(1, 2)).replace("\"seq\":2", "\"seq\":\"two\"");
        assertProblem(cp.post("/internal/events", cp.serviceKey(), badSeq), 400, "events[1].seq");
        String badTime = batch(callId, List.of(1, 2)).replace("2026-11-22T10:00:02Z", "yesterday");
        assertProblem(cp.post("/internal/events", cp.serviceKey(), badTime), 400, "events[1].at");
        assertProblem(cp.post("/internal/events", cp.serviceKey(), "{\"server_id\":\"x\",\"server_url\":\"y\"}"), 400, "events must be an array");
        assertThat(json(cp.get("/api/calls/" + callId, cp.adminKey)).get("events")).isEmpty(); // nothing of them stored

        String unknown = "00000000-0000-4000-8000-000000000000";
        String mixed = batch(callId, List.of(1)).replace("]}", ",{\"call_id\":\"" + unknown
                + "\",\"seq\":1,\"type\":\"call.live\",\"at\":\"2026-11-22T10:00:00Z\",\"data\":{}}]}");
        JsonNode result = ingest(mixed);
        assertThat(result.get("stored").asInt()).isEqualTo(1);
        assertThat(result.at("/rejected/0/call_id").asText()).isEqualTo(unknown);
        assertThat(result.at("/rejected/0/reason").asText()).isEqualTo("unknown call");

        assertProblem(cp.post("/internal/events", cp.adminKey, batch(callId, List.of(2))), 401, "service key does not match");
        assertProblem(cp.post("/internal/events", "", batch(callId, List.of(2))), 401, "service key");
        assertProblem(cp.get("/internal/calls/" + callId + "/session", cp.adminKey), 401, "service key");
    }

    @Test
    void servesTheCallSessionWithPersonaScenarioAndRenderedPrompt() throws Exception {
        String callId = newCall(cp);
        HttpResponse<String> r = cp.get("/internal/calls/" + callId + "/session", cp.serviceKey());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode session = json(r);
        assertThat(session.at("/call/id").asText()).isEqualTo(callId);
        assertThat(session.at("/call/channel").asText()).isEqualTo("twilio");
        assertThat(session.at("/scenario/id").asText()).isEqualTo("refinance-rate-shopper");
        assertThat(session.at("/persona/id").asText()).isEqualTo(session.at("/scenario/persona").asText());
        assertThat(session.at("/persona/first_message").asText()).isNotBlank();
        assertThat(session.at("/scenario/rubric/objections")).isNotEmpty();
        assertThat(session.get("prompt").asText()).contains(session.at("/persona/name").asText()).doesNotContain("{persona.");
        assertProblem(cp.get("/internal/calls/00000000-0000-4000-8000-000000000000/session", cp.serviceKey()), 404, "no call");
    }

    @Test
    void completionScoresOnceEveryEventIsIn() throws Exception {
        String callId = newCall(cp);
        ingest(batch(callId, List.of(1, 2, 3)));
        // Ended just now: well inside the grace period in which missing events are waited for.
        HttpResponse<String> done = cp.post("/internal/calls/" + callId + "/complete", cp.serviceKey(),
                "{\"reason\":\"hangup\",\"last_seq\":5,\"ended_at\":\"" + Instant.now() + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).get("state").asText()).isEqualTo("ended");    // events 4 and 5 are still on their way

        cp.controlPlane.housekeeping();
        assertThat(json(cp.get("/api/calls/" + callId, cp.adminKey)).get("state").asText()).isEqualTo("ended");
        ingest(batch(callId, List.of(5, 4)));
        cp.controlPlane.housekeeping();
        JsonNode call = json(cp.get("/api/calls/" + callId, cp.adminKey));
        assertThat(call.get("state").asText()).isEqualTo("scored");
        assertThat(call.get("transcript")).hasSize(4);
        assertThat(call.has("score")).isTrue();

        assertProblem(cp.post("/internal/calls/" + callId + "/complete", cp.serviceKey(),
                "{\"reason\":\"bored\",\"last_seq\":5,\"ended_at\":\"2026-11-22T10:05:00Z\"}"), 400, "unknown completion reason");
        assertProblem(cp.post("/internal/calls/" + callId + "/complete", cp.serviceKey(),
                "{\"reason\":\"hangup\",\"last_seq\":-1,\"ended_at\":\"2026-11-22T10:05:00Z\"}"), 400, "last_seq");
        assertProblem(cp.post("/internal/calls/00000000-0000-4000-8000-000000000000/complete", cp.serviceKey(),
                "{\"reason\":\"hangup\",\"last_seq\":1,\"ended_at\":\"2026-11-22T10:05:00Z\"}"), 404, "no call");
    }

    @Test
    void pushesIngestedEventsToLivePages() throws Exception {
        String callId = newCall(cp);
        ingest(batch(callId, List.of(1)));
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(cp.url("/api/calls/" + callId + "/live")))
                .header("Authorization", "Bearer " + cp.adminKey).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the stream ends when the test closes the control plane's streams
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("id: 1"));      // history first
        ingest(batch(callId, List.of(2, 3)));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("id: 3"));      // then live
        assertThat(lines).contains("event: call.live", "event: utterance", "id: 2");
        assertThat(lines.stream().filter(l -> l.equals("id: 2")).count()).isEqualTo(1);
        ingest(batch(callId, List.of(2)));                                                  // a redelivery is not shown twice
        ingest(batch(callId, List.of(4)));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("id: 4"));
        assertThat(lines.stream().filter(l -> l.equals("id: 2")).count()).isEqualTo(1);
        reader.interrupt();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
