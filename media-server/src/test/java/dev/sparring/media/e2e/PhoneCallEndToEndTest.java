package dev.sparring.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.twilio.CallPlacer;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import dev.sparring.loadtest.twilio.SentStep;
import dev.sparring.loadtest.twilio.StreamTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole practice phone call: the Twilio caller emulator places it through the calls API and
 * speaks Media Streams to the media server, both services run as separate JVMs on embedded
 * defaults (real PostgreSQL), and the stored call is checked through the API.
 */
class PhoneCallEndToEndTest {
    private static Deployment deployment;
    private static CallerEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        deployment = new Deployment(Map.of(), Map.of()).start();
        emulator = CallerEmulator.create(EmulatorConfig.defaults(Path.of("../config/scripts")));
    }

    @AfterAll
    static void stop() throws Exception {
        emulator.close();
        deployment.close();
    }

    static StreamTarget place(Deployment deployment, String scenario, String script) throws Exception {
        return new CallPlacer(HttpClient.newHttpClient())
                .viaApi(URI.create(deployment.controlPlaneUrl()), deployment.apiKey, scenario, Optional.of(script))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPracticeCallWithABargeInIsHeardStoredAndScored() throws Exception {
        StreamTarget target = place(deployment, "refinance-rate-shopper", "refinance-happy-path");
        String callId = target.callId().orElseThrow();
        CallResult result = emulator.connect(target, "refinance-happy-path").get(5, TimeUnit.MINUTES);

        assertThat(result.errors()).isEmpty();

        // Every step started on its cue: a step the bot never answered means the dialogue fell out of step.

        assertThat(result.sent()).noneMatch(CallResult.Step::timedOut);
        assertThat(result.hungUpByCaller()).isTrue();
        // The prospect greeted before the rep said anything, and answered the rep's turns.
        CallResult.Step firstLine = result.sent().get(0);
        assertThat(result.heard()).isNotEmpty();
        assertThat(result.heard().get(0).start()).isLessThan(firstLine.start());
        long repliesHeard = result.heard().stream().filter(h -> h.start().compareTo(firstLine.speechEnd()) > 0).count();
        assertThat(repliesHeard).isGreaterThanOrEqualTo(3);

        // The barge-in line produced a clear while the prospect was audible...
        CallResult.Step bargeIn = result.sent().stream()
                .filter(s -> s.kind() == SentStep.Kind.SAY && s.botSpeakingAtStart()).findFirst().orElseThrow();
        List<CallResult.Clear> clears = result.bargeIns();
        assertThat(clears).isNotEmpty();
        CallResult.Clear clear = clears.stream().filter(c -> c.at().compareTo(bargeIn.speechStart()) >= 0).findFirst().orElseThrow();
        assertThat(clear.at()).isLessThan(bargeIn.speechEnd());
        // ...and no prospect audio played after the clear while the rep was still talking.
        assertThat(result.heard()).noneMatch(h -> h.start().compareTo(clear.at()) > 0 && h.start().compareTo(bargeIn.speechEnd()) < 0);
        // The backchannel did not interrupt the prospect.
        CallResult.Step backchannel = result.sent().stream().filter(s -> s.kind() == SentStep.Kind.BACKCHANNEL).findFirst().orElseThrow();
        assertThat(result.clears()).noneMatch(c -> c.at().compareTo(backchannel.speechStart()) >= 0
                && c.at().compareTo(backchannel.speechEnd().plusMillis(800)) < 0);
        // Every mark sent was echoed.
        assertThat(result.marks()).isNotEmpty();

        JsonNode call = deployment.awaitState(callId, Duration.ofSeconds(60), "scored");
        assertThat(call.get("end_reason").asText()).isEqualTo("hangup");
        JsonNode transcript = call.get("transcript");
        List<String> rep = new ArrayList<>();
        List<JsonNode> prospect = new ArrayList<>();
        transcript.forEach(u -> {
            if (u.get("speaker").asText().equals("rep")) {
                rep.add(u.get("text").asText());
            } else {
                prospect.add(u);
            }
        });
        String firstMessage = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("../config/personas/refinance-shopper.yaml").toFile()).get("first_message").asText();
        assertThat(prospect.get(0).get("text").asText()).isEqualTo(firstMessage);          // the greeting, heard whole
        assertThat(rep).anySatisfy(t -> assertThat(t).contains("my name is Sam"));
        assertThat(rep).anySatisfy(t -> assertThat(t).contains("APR"));
        // The backchannel is recorded as said (it counts as speaking time), though it interrupted nothing.
        assertThat(rep).contains("uh-huh");
        // The prospect utterance the rep cut into is stored as heard, with what was generated beside it.
        JsonNode cut = prospect.stream().filter(u -> u.get("interrupted").asBoolean()).findFirst().orElseThrow();
        assertThat(cut.get("generated_text").asText()).startsWith(cut.get("text").asText().replaceAll("[.,!?…]+$", ""));
        assertThat(cut.get("text").asText().length()).isLessThan(cut.get("generated_text").asText().length());
        assertThat(call.get("events").findValuesAsText("type")).contains("call.live", "barge_in", "turn.latency", "call.ended");
        assertThat(call.at("/score/total").asInt()).isBetween(1, 100);
    }
}
