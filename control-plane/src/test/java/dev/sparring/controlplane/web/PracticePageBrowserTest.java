package dev.sparring.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.ControlPlaneHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The practice page in headless Chromium against a running control plane, with a stub standing in
 * for the media server's signalling endpoints. Fails (never skips) when node, the npm modules or
 * Chromium are missing.
 */
class PracticePageBrowserTest {
    private static BrowserHarness browser;
    private static StubOfferEndpoint media;
    private static ControlPlaneHarness cp;

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserHarness.require();
        media = new StubOfferEndpoint();
        cp = ControlPlaneHarness.onSharedDatabase(Map.of(), Map.of("media-server-public-url", media.publicWsUrl()));
        media.allowOrigin(cp.controlPlane.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (cp != null) {
            cp.close();
        }
        if (media != null) {
            media.close();
        }
    }

    @BeforeEach
    void clearRecords() {
        media.received.clear();
        media.answerOffers();
    }

    private static Map<String, Object> args(Map<String, Object> more) {
        Map<String, Object> all = new HashMap<>(Map.of("url", cp.controlPlane.baseUrl()));
        all.putAll(more);
        return all;
    }

    @Test
    void aWrongKeyIsRefusedClearlyAndTheRightOneListsTheScenarios() throws Exception {
        JsonNode result = browser.run(args(Map.of("wrongKey", "sk_not_a_key", "apiKey", cp.adminKey, "connect", false)));
        assertThat(result.get("title").asText()).isEqualTo("Sparring · practice a call");
        assertThat(result.get("wrongKeyError").asText()).contains("API key was not accepted");
        List<String> ids = new ArrayList<>();
        result.get("scenarios").forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).contains("refinance-rate-shopper", "first-time-buyer-nervous", "saas-discovery-call");
        assertThat(result.get("scenarios").get(0).get("title").asText()).isNotBlank();
        assertThat(result.get("pageErrors")).isEmpty();
    }

    @Test
    void aBlockedMicrophoneSaysWhatToDoAndCreatesNoCall() throws Exception {
        JsonNode result = browser.run(args(Map.of("apiKey", cp.adminKey, "microphone", "deny", "waitFor", "settled")));
        assertThat(result.get("micError").asText()).contains("Microphone access is blocked", "press Connect again");
        assertThat(result.get("callId").isNull()).isTrue();
        assertThat(media.received).isEmpty();
    }

    @Test
    void theOfferGoesToTheMediaServerAsSdpAndItsRefusalIsShown() throws Exception {
        media.refuseWith(503, "the media server is draining");
        JsonNode result = browser.run(args(Map.of("apiKey", cp.adminKey, "scenario", "refinance-rate-shopper",
                "waitFor", "settled")));
        assertThat(result.get("callError").asText()).contains("busy or restarting", "the media server is draining");
        assertThat(result.get("status").asText()).isEqualTo("failed");
        StubOfferEndpoint.Received offer = media.received.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(offer.path()).isEqualTo("/webrtc/offer");
        assertThat(offer.contentType()).startsWith("application/sdp");
        assertThat(offer.body()).startsWith("v=0").contains("m=audio", "opus/48000/2", "a=setup:actpass", "a=fingerprint:sha-256");
        JsonNode token = tokenPayload(offer.authorization());
        assertThat(token.get("call_id").asText()).isEqualTo(result.get("callId").asText());
        assertThat(token.get("channel").asText()).isEqualTo("webrtc");
        assertThat(token.get("scenario_id").asText()).isEqualTo("refinance-rate-shopper");
        assertThat(media.received).anyMatch(r -> r.method().equals("OPTIONS")); // the CORS preflight
    }

    @Test
    void theLiveTranscriptAppearsEndingTheCallDeletesItsSessionAndTheResultPageShowsTheScore() throws Exception {
        BrowserHarness.Run run = browser.start(args(Map.of("apiKey", cp.adminKey, "scenario", "refinance-rate-shopper",
                "waitFor", "answered", "transcriptItems", 3, "afterEndMs", 500, "openResult", true)));
        await().atMost(Duration.ofSeconds(60)).until(() -> media.received.stream().anyMatch(r -> r.method().equals("POST")));
        StubOfferEndpoint.Received offer = media.received.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        String callId = tokenPayload(offer.authorization()).get("call_id").asText();

        HttpResponse<String> stored = cp.post("/internal/events", cp.serviceKey(), eventsWithoutTheEnd(callId));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        HttpResponse<String> completed = cp.post("/internal/calls/" + callId + "/complete", cp.serviceKey(),
                "{\"reason\":\"hangup\",\"last_seq\":9,\"ended_at\":\"2026-11-22T10:00:20.000Z\"}");
        assertThat(completed.statusCode()).as(completed.body()).isBetween(200, 204);

        JsonNode result = run.result();
        assertThat(result.get("callId").asText()).isEqualTo(callId);
        List<String> lines = new ArrayList<>();
        result.get("transcript").forEach(t -> lines.add(t.get("speaker").asText() + ": " + t.get("text").asText()));
        assertThat(lines).containsExactly(
                "prospect: Prospect:Jordan here. Who's calling?",
                "rep: You:Hi Jordan, my name is Sam from Harbor Lending, NMLS 12345. Do you have a minute?",
                "prospect: Prospect:Honestly, the online quote I got (interrupted)");
        assertThat(result.get("resultUrl").asText()).isEqualTo(cp.controlPlane.baseUrl() + "/practice/calls/" + callId);
        assertThat(result.get("stats").get("remoteTrack").asBoolean()).isTrue();
        JsonNode page = result.get("result");
        assertThat(page.get("state").asText()).isEqualTo("scored");
        assertThat(page.get("score").asText()).matches("\\d+ / 100");
        List<String> kpis = new ArrayList<>();
        page.get("breakdown").forEach(k -> kpis.add(k.get("kpi").asText()));
        assertThat(kpis).contains("talk_ratio", "filler_rate", "questions");
        assertThat(page.get("transcript")).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> media.received.stream().anyMatch(r -> r.method().equals("DELETE")));
        StubOfferEndpoint.Received delete = media.received.stream().filter(r -> r.method().equals("DELETE")).findFirst().orElseThrow();
        assertThat(delete.path()).isEqualTo("/webrtc/calls/stub-call");
        assertThat(delete.authorization()).isEqualTo(offer.authorization());
    }

    /** The contract fixture's event batch for this call, without its call.ended event. */
    private static String eventsWithoutTheEnd(String callId) throws Exception {
        String fixture = Files.readString(Path.of("../config/contract/events-batch.json")).replace("{{call_id}}", callId);
        ObjectNode batch = (ObjectNode) ControlPlaneHarness.JSON.readTree(fixture);
        ArrayNode events = (ArrayNode) batch.get("events");
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).get("type").asText().equals("call.ended")) {
                events.remove(i);
            }
        }
        return batch.toString();
    }

    private static JsonNode tokenPayload(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer v1.");
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return ControlPlaneHarness.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
