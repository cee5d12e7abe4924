package dev.sparring.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulator;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.realtime.SimulatorStats;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import dev.sparring.loadtest.twilio.StreamTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A phone call in the OpenAI Realtime speech-to-speech mode (the production client against a local
 * server speaking the Realtime protocol), with a barge-in: the caller hears the prospect cut off,
 * the model is told exactly how much was heard, and the transcript stores the heard part.
 */
class RealtimeEndToEndTest {

    @Test
    void aRealtimeCallTruncatesTheModelAtWhatTheCallerHeard() throws Exception {
        Path scripts = Path.of("../config/scripts").toAbsolutePath().normalize();
        try (RealtimeSimulator realtime = RealtimeSimulator.start(RealtimeSimulatorConfig.defaults("rt-key", scripts));
             CallerEmulator emulator = CallerEmulator.create(EmulatorConfig.defaults(Path.of("../config/scripts")));
             Deployment deployment = new Deployment(Map.of(), Map.of(
                     "OPENAI_API_KEY", "rt-key", "OPENAI_BASE_URL", "http://127.0.0.1:" + realtime.port(),
                     "SPARRING_MS_PIPELINE_MODE", "realtime")).start()) {
            assertThat(deployment.mediaServer.logText()).contains("pipeline: realtime");

            StreamTarget target = PhoneCallEndToEndTest.place(deployment, "refinance-rate-shopper", "refinance-happy-path");
            String callId = target.callId().orElseThrow();
            CallResult result = emulator.connect(target, "refinance-happy-path").get(5, TimeUnit.MINUTES);

            assertThat(result.errors()).isEmpty();
            assertThat(result.heard()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(result.bargeIns()).isNotEmpty();

            JsonNode call = deployment.awaitState(callId, Duration.ofSeconds(60), "scored");
            List<JsonNode> bargeIns = new ArrayList<>();
            call.get("events").forEach(e -> {
                if (e.get("type").asText().equals("barge_in")) {
                    bargeIns.add(e.get("data"));
                }
            });
            assertThat(bargeIns).isNotEmpty();
            // The truncation sent to the model is the heard position the media server logged.
            List<SimulatorStats.Truncation> truncations = realtime.stats().truncations();
            assertThat(truncations).isNotEmpty();
            assertThat(truncations.stream().map(SimulatorStats.Truncation::audioEndMs).toList())
                    .contains(bargeIns.get(0).get("heard_ms").asLong());
            assertThat(truncations.get(0).audioEndMs()).isPositive();

            JsonNode cut = null;
            List<String> rep = new ArrayList<>();
            for (JsonNode u : call.get("transcript")) {
                if (u.get("speaker").asText().equals("rep")) {
                    rep.add(u.get("text").asText());
                } else if (u.get("interrupted").asBoolean() && cut == null) {
                    cut = u;
                }
            }
            assertThat(rep).anySatisfy(t -> assertThat(t).contains("my name is Sam"));
            assertThat(cut).isNotNull();
            assertThat(cut.get("text").asText().length()).isLessThan(cut.get("generated_text").asText().length());
            assertThat(call.at("/score/total").asInt()).isBetween(1, 100);
        }
    }
}
