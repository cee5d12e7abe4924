package dev.sparring.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulator;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulatorConfig;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulator;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulator;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulatorConfig;
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
 * A phone call with all three cloud providers in the loop — the production Deepgram, OpenAI and
 * ElevenLabs clients in the media server, talking to local servers that speak those protocols —
 * including a barge-in, checked through the transcript the control plane stored.
 */
class CloudProvidersEndToEndTest {

    @Test
    void aPhoneCallRunsOnDeepgramOpenAiAndElevenLabs() throws Exception {
        Path scripts = Path.of("../config/scripts").toAbsolutePath().normalize();
        try (DeepgramSimulator deepgram = DeepgramSimulator.start(DeepgramSimulatorConfig.defaults("dg-key", scripts));
             OpenAiChatSimulator openai = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults("oa-key"));
             ElevenLabsSimulator elevenlabs = ElevenLabsSimulator.start(ElevenLabsSimulatorConfig.defaults("el-key"));
             CallerEmulator emulator = CallerEmulator.create(EmulatorConfig.defaults(Path.of("../config/scripts")));
             Deployment deployment = new Deployment(Map.of(), Map.of(
                     "DEEPGRAM_API_KEY", "dg-key", "DEEPGRAM_BASE_URL", deepgram.baseUrl().toString(),
                     "OPENAI_API_KEY", "oa-key", "OPENAI_BASE_URL", openai.baseUrl().toString(),
                     "ELEVENLABS_API_KEY", "el-key", "ELEVENLABS_BASE_URL", elevenlabs.baseUrl().toString())).start()) {
            assertThat(deployment.mediaServer.logText())
                    .contains("stt: deepgram", "llm: openai", "tts: elevenlabs");

            StreamTarget target = PhoneCallEndToEndTest.place(deployment, "refinance-rate-shopper", "refinance-happy-path");
            String callId = target.callId().orElseThrow();
            CallResult result = emulator.connect(target, "refinance-happy-path").get(5, TimeUnit.MINUTES);

            assertThat(result.errors()).isEmpty();

            // Every step started on its cue: a step the bot never answered means the dialogue fell out of step.

            assertThat(result.sent()).noneMatch(CallResult.Step::timedOut);
            assertThat(result.heard()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(result.bargeIns()).isNotEmpty();

            JsonNode call = deployment.awaitState(callId, Duration.ofSeconds(60), "scored");
            List<String> rep = new ArrayList<>();
            List<JsonNode> prospect = new ArrayList<>();
            call.get("transcript").forEach(u -> {
                if (u.get("speaker").asText().equals("rep")) {
                    rep.add(u.get("text").asText());
                } else {
                    prospect.add(u);
                }
            });
            // The rep's words came from the Deepgram protocol, the prospect's replies from the chat model.
            assertThat(rep).anySatisfy(t -> assertThat(t).contains("my name is Sam"));
            assertThat(prospect).hasSizeGreaterThanOrEqualTo(3);
            assertThat(openai.stats().completed()).isGreaterThanOrEqualTo(2);
            JsonNode cut = prospect.stream().filter(u -> u.get("interrupted").asBoolean()).findFirst().orElseThrow();
            assertThat(cut.get("text").asText().length()).isLessThan(cut.get("generated_text").asText().length());
            assertThat(call.get("events").findValuesAsText("type")).contains("barge_in", "turn.latency");
            assertThat(call.get("events").findValuesAsText("type")).doesNotContain("provider.error");
            assertThat(call.at("/score/total").asInt()).isBetween(1, 100);
        }
    }
}
