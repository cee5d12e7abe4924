package dev.sparring.controlplane.api;

import static dev.sparring.controlplane.ControlPlaneHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sparring.controlplane.ControlPlaneHarness;
import dev.sparring.controlplane.catalog.CatalogSeeder;
import dev.sparring.controlplane.session.SessionToken;
import dev.sparring.controlplane.session.SessionTokens;
import dev.sparring.controlplane.tenancy.ApiKeyRepository;
import dev.sparring.controlplane.tenancy.NewUser;
import dev.sparring.controlplane.tenancy.Organisation;
import dev.sparring.controlplane.tenancy.OrganisationRepository;
import dev.sparring.controlplane.tenancy.Role;
import dev.sparring.controlplane.tenancy.User;
import dev.sparring.controlplane.tenancy.UserRepository;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The calls and catalog API over real HTTP, on real PostgreSQL. */
class CallsApiTest {
    private static ControlPlaneHarness cp;
    private static String repKey;
    private static String coachKey;
    private static String otherOrgKey;
    private static User rep;

    @BeforeAll
    static void start() throws Exception {
        cp = ControlPlaneHarness.onSharedDatabase(Map.of(), Map.of());
        var jdbc = cp.controlPlane.database().jdbc();
        var clock = Clock.systemUTC();
        UUID org = cp.controlPlane.bootstrap().organisation().id();
        var users = new UserRepository(jdbc, clock);
        var keys = new ApiKeyRepository(jdbc, clock);
        rep = users.create(org, NewUser.of("rep@example.com", "Rita Rep", Role.REP));
        repKey = keys.create(org, rep.id(), "rep key").plaintext();
        User coach = users.create(org, NewUser.of("coach@example.com", "Cory Coach", Role.COACH));
        coachKey = keys.create(org, coach.id(), "coach key").plaintext();

        Organisation other = new OrganisationRepository(jdbc, clock).create("other", "Other Lending");
        new CatalogSeeder(jdbc, clock).seed(other.id(), Path.of("../config"));
        User otherAdmin = users.create(other.id(), NewUser.of("admin@other.example", "Olga", Role.ADMIN));
        otherOrgKey = keys.create(other.id(), otherAdmin.id(), "other").plaintext();
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    private static JsonNode createCall(String key, String body) throws Exception {
        HttpResponse<String> r = cp.post("/api/calls", key, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void listsAndShowsTheSeededCatalog() throws Exception {
        JsonNode personas = json(cp.get("/api/personas", repKey)).get("personas");
        assertThat(personas).hasSizeGreaterThanOrEqualTo(6);
        List<String> ids = new ArrayList<>();
        personas.forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).contains("friendly-prospect", "skeptical-buyer", "busy-executive", "refinance-shopper",
                "first-time-buyer", "property-investor");
        JsonNode scenario = json(cp.get("/api/scenarios/refinance-rate-shopper", repKey));
        assertThat(scenario.path("rubric").path("kpis").path("talk_ratio").path("weight").asInt()).isPositive();
        assertThat(json(cp.get("/api/scenarios", repKey)).get("scenarios")).hasSizeGreaterThanOrEqualTo(3);
        HttpResponse<String> missing = cp.get("/api/scenarios/no-such-thing", repKey);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(missing).get("detail").asText()).contains("no-such-thing");
    }

    @Test
    void createsACallWithWhatAClientNeedsToConnect() throws Exception {
        JsonNode call = createCall(repKey, "{\"scenario_id\":\"refinance-rate-shopper\",\"channel\":\"twilio\"}");
        assertThat(call.get("state").asText()).isEqualTo("connecting");
        assertThat(call.get("user_id").asText()).isEqualTo(rep.id().toString());
        assertThat(call.at("/connect/stream_url").asText()).isEqualTo("ws://127.0.0.1:8081/twilio/stream");
        assertThat(call.get("connect").has("offer_url")).isFalse();
        SessionTokens tokens = new SessionTokens(cp.controlPlane.secrets().sessionSigningKey(), Clock.systemUTC(), Duration.ofMinutes(5));
        SessionToken token = tokens.verify(call.at("/connect/token").asText());
        assertThat(token.callId().toString()).isEqualTo(call.get("id").asText());
        assertThat(token.scenarioId()).isEqualTo("refinance-rate-shopper");
        assertThat(token.channel()).isEqualTo("twilio");
        assertThat(Instant.parse(call.at("/connect/expires_at").asText())).isAfter(Instant.now());
    }

    @Test
    void aBrowserCallGetsTheMediaServersOfferUrlAndAWebrtcToken() throws Exception {
        JsonNode call = createCall(repKey, "{\"scenario_id\":\"refinance-rate-shopper\",\"channel\":\"webrtc\"}");
        assertThat(call.get("channel").asText()).isEqualTo("webrtc");
        assertThat(call.get("state").asText()).isEqualTo("connecting");
        assertThat(call.at("/connect/offer_url").asText()).isEqualTo("http://127.0.0.1:8081/webrtc/offer");
        assertThat(call.get("connect").has("stream_url")).isFalse();
        SessionTokens tokens = new SessionTokens(cp.controlPlane.secrets().sessionSigningKey(), Clock.systemUTC(), Duration.ofMinutes(5));
        SessionToken token = tokens.verify(call.at("/connect/token").asText());
        assertThat(token.callId().toString()).isEqualTo(call.get("id").asText());
        assertThat(token.channel()).isEqualTo("webrtc");
        assertThat(Instant.parse(call.at("/connect/expires_at").asText())).isAfter(Instant.now());
    }

    @Test
    void refusesBadCreateRequestsPrecisely() throws Exception {
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":\"nope\"}"), 400, "unknown scenario 'nope'");
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":"), 400, "malformed JSON");
        assertProblem(cp.post("/api/calls", repKey, "[]"), 400, "JSON object");
        assertProblem(cp.post("/api/calls", repKey, ""), 400, "empty");
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":\"refinance-rate-shopper\",\"colour\":1}"), 400, "unknown field 'colour'");
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":\"refinance-rate-shopper\",\"channel\":\"fax\"}"), 400, "channel must be one of");
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":\"refinance-rate-shopper\",\"script\":\"../etc\"}"), 400, "script name");
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":\"refinance-rate-shopper\",\"script\":\"no-such-script\"}"), 400, "unknown call script");
        assertProblem(cp.post("/api/calls", repKey, "{\"scenario_id\":42}"), 400, "non-empty string");
        assertProblem(cp.post("/api/calls", "wrong", "{}"), 401, "unknown or revoked");
        assertProblem(cp.post("/api/calls", "", "{}"), 401, "Authorization: Bearer");
        assertProblem(cp.get("/api/nothing-here", repKey), 404, "no such endpoint");
        assertProblem(cp.post("/api/personas", repKey, "{}"), 405, "POST is not supported");
        String huge = "{\"scenario_id\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        // With Expect: 100-continue the refusal comes before the body is sent. Without it the server
        // closes while 5 MiB are still arriving, and the client may see a reset instead of the 413.
        assertThat(cp.postExpectingContinue("/api/calls", repKey, huge).statusCode()).isEqualTo(413);
    }

    @Test
    void listsCallsNewestFirstWithPaginationAndFilters() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createCall(coachKey, "{\"scenario_id\":\"saas-discovery-call\",\"channel\":\"webrtc\"}").get("id").asText());
        }
        JsonNode first = json(cp.get("/api/calls?scenario_id=saas-discovery-call&limit=2", coachKey));
        assertThat(first.get("calls")).hasSize(2);
        assertThat(first.at("/calls/0/id").asText()).isEqualTo(created.get(2));
        assertThat(first.at("/calls/1/id").asText()).isEqualTo(created.get(1));
        JsonNode second = json(cp.get("/api/calls?scenario_id=saas-discovery-call&limit=2&cursor=" + first.get("next_cursor").asText(), coachKey));
        assertThat(second.get("calls")).hasSize(1);
        assertThat(second.at("/calls/0/id").asText()).isEqualTo(created.get(0));
        assertThat(second.has("next_cursor")).isFalse();

        assertThat(json(cp.get("/api/calls?channel=webrtc&state=scored", coachKey)).get("calls")).isEmpty();
        assertProblem(cp.get("/api/calls?state=sleeping", coachKey), 400, "state must be one of");
        assertProblem(cp.get("/api/calls?limit=0", coachKey), 400, "limit must be from 1");
        assertProblem(cp.get("/api/calls?limit=ten", coachKey), 400, "whole number");
        assertProblem(cp.get("/api/calls?created_after=yesterday", coachKey), 400, "ISO-8601");
        assertProblem(cp.get("/api/calls?cursor=garbage", coachKey), 400, "malformed page cursor");
    }

    @Test
    void repsSeeTheirOwnCallsAndOtherOrganisationsSeeNothing() throws Exception {
        String coachCall = createCall(coachKey, "{\"scenario_id\":\"refinance-rate-shopper\"}").get("id").asText();
        String repCall = createCall(repKey, "{\"scenario_id\":\"refinance-rate-shopper\"}").get("id").asText();

        assertThat(cp.get("/api/calls/" + repCall, repKey).statusCode()).isEqualTo(200);
        assertProblem(cp.get("/api/calls/" + coachCall, repKey), 404, coachCall);
        json(cp.get("/api/calls", repKey)).get("calls").forEach(c -> assertThat(c.get("user_id").asText()).isEqualTo(rep.id().toString()));
        assertThat(cp.get("/api/calls/" + repCall, coachKey).statusCode()).isEqualTo(200);

        // Another organisation's key: the call does not exist for it.
        assertProblem(cp.get("/api/calls/" + repCall, otherOrgKey), 404, repCall);
        assertThat(json(cp.get("/api/calls", otherOrgKey)).get("calls")).isEmpty();
        assertProblem(cp.post("/api/calls/" + repCall + "/injections", otherOrgKey,
                "{\"kind\":\"curveball\",\"text\":\"hi\",\"timing\":\"now\"}"), 404, repCall);
        assertProblem(cp.get("/api/calls/not-a-uuid", coachKey), 404, "not-a-uuid");
    }

    @Test
    void showsOneCallWithTranscriptEventsAndScore() throws Exception {
        JsonNode call = createCall(coachKey, "{\"scenario_id\":\"refinance-rate-shopper\"}");
        String id = call.get("id").asText();
        String now = Instant.now().toString();
        String batch = """
                {"server_id":"ms-test","server_url":"http://127.0.0.1:1","live_calls":["%1$s"],"events":[
                 {"call_id":"%1$s","seq":1,"type":"call.live","at":"%2$s","data":{"stream_sid":"MZ1","call_sid":"CA1","channel":"twilio"}},
                 {"call_id":"%1$s","seq":2,"type":"utterance","at":"%2$s","data":{"speaker":"prospect","turn":1,"text":"Hello, Jordan speaking.","start_ms":100,"end_ms":1400,"recognised":true,"interrupted":false}},
                 {"call_id":"%1$s","seq":3,"type":"utterance","at":"%2$s","data":{"speaker":"rep","turn":2,"text":"Hi Jordan, my name is Sam, NMLS 12345. What rate were you quoted?","start_ms":2100,"end_ms":5200,"recognised":true,"interrupted":false}},
                 {"call_id":"%1$s","seq":4,"type":"call.ended","at":"%2$s","data":{"reason":"hangup","at_ms":6000}}]}
                """.formatted(id, now);
        assertThat(cp.post("/internal/events", cp.serviceKey(), batch).statusCode()).isEqualTo(200);
        HttpResponse<String> done = cp.post("/internal/calls/" + id + "/complete", cp.serviceKey(),
                "{\"reason\":\"hangup\",\"last_seq\":4,\"ended_at\":\"" + Instant.now() + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        JsonNode detail = json(cp.get("/api/calls/" + id, coachKey));
        assertThat(detail.get("state").asText()).isEqualTo("scored");
        assertThat(detail.get("transcript")).hasSize(2);
        assertThat(detail.at("/transcript/1/speaker").asText()).isEqualTo("rep");
        assertThat(detail.at("/transcript/1/text").asText()).contains("NMLS");
        assertThat(detail.get("events")).hasSize(4);
        assertThat(detail.at("/score/total").asInt()).isBetween(0, 100);
        assertThat(detail.at("/score/breakdown/kpis").isObject() || detail.at("/score/breakdown/kpis").isArray()).isTrue();

        // Recomputing gives the same score.
        HttpResponse<String> again = cp.post("/api/calls/" + id + "/score", coachKey, "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).at("/score/total").asInt()).isEqualTo(detail.at("/score/total").asInt());
        assertThat(json(again).at("/score/breakdown")).isEqualTo(detail.at("/score/breakdown"));
        assertProblem(cp.post("/api/calls/" + id + "/score", repKey, ""), 403, "role");
    }

    @Test
    void forwardsInjectionsToTheMediaServerHostingTheCall() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        media.createContext("/internal/calls/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        media.start();
        try {
            String id = createCall(coachKey, "{\"scenario_id\":\"refinance-rate-shopper\"}").get("id").asText();
            String injection = "{\"kind\":\"curveball\",\"text\":\"My wife wants two more quotes.\",\"timing\":\"next-turn\"}";
            assertProblem(cp.post("/api/calls/" + id + "/injections", coachKey, injection), 409, "live call");

            String mediaUrl = "http://127.0.0.1:" + media.getAddress().getPort();
            String batch = """
                    {"server_id":"ms-a","server_url":"%2$s","live_calls":["%1$s"],"events":[
                     {"call_id":"%1$s","seq":1,"type":"call.live","at":"%3$s","data":{}}]}
                    """.formatted(id, mediaUrl, Instant.now());
            assertThat(cp.post("/internal/events", cp.serviceKey(), batch).statusCode()).isEqualTo(200);

            HttpResponse<String> accepted = cp.post("/api/calls/" + id + "/injections", coachKey, injection);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(json(accepted).get("status").asText()).isEqualTo("forwarded");
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).startsWith("/internal/calls/" + id + "/injections ");
            JsonNode forwarded = ControlPlaneHarness.JSON.readTree(received.get(0).substring(received.get(0).indexOf(' ') + 1));
            assertThat(forwarded.get("injection_id").asText()).isEqualTo(json(accepted).get("id").asText());
            assertThat(forwarded.get("kind").asText()).isEqualTo("curveball");
            assertThat(forwarded.get("timing").asText()).isEqualTo("next-turn");
            assertThat(forwarded.get("text").asText()).isEqualTo("My wife wants two more quotes.");
            assertThat(auth.get(0)).isEqualTo("Bearer " + cp.serviceKey());

            assertProblem(cp.post("/api/calls/" + id + "/injections", coachKey, "{\"kind\":\"curveball\",\"text\":\"x\",\"timing\":\"later\"}"), 400, "timing must be one of");
            assertProblem(cp.post("/api/calls/" + id + "/injections", coachKey, "{\"kind\":\"joke\",\"text\":\"x\"}"), 400, "kind must be one of");
            assertProblem(cp.post("/api/calls/" + id + "/injections", coachKey, "{\"kind\":\"context\"}"), 400, "'text' is required");
            assertProblem(cp.post("/api/calls/" + id + "/injections", repKey, injection), 403, "role");

            media.stop(0);
            assertProblem(cp.post("/api/calls/" + id + "/injections", coachKey, injection), 502, "unreachable");
            JsonNode detail = json(cp.get("/api/calls/" + id, coachKey));
            assertThat(detail.get("injections")).hasSize(2);
            assertThat(detail.findValuesAsText("status")).contains("forwarded", "failed");
        } finally {
            media.stop(0);
        }
    }

    @Test
    void servesHealthReadinessAndMetrics() throws Exception {
        assertThat(cp.get("/health", "").statusCode()).isEqualTo(200);
        assertThat(cp.get("/ready", "").statusCode()).isEqualTo(200);
        cp.get("/api/personas", repKey);
        HttpResponse<String> metrics = cp.get("/metrics", "");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_route_seconds_count{method=\"GET\",route=\"/api/personas\"}")
                .contains("jvm_memory_used_bytes");
    }

    static void assertProblem(HttpResponse<String> response, int status, String detailContains) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).contains(detailContains);
    }
}
