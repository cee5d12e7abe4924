package dev.sparring.loadtest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.audio.RepAudioLibrary;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.CallScriptParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A whole call against a fake Media Streams server: greeting, reply, barge-in with clear, hang-up. */
class CallerEmulatorTest {

    private static final Path SCRIPTS = Path.of("../config/scripts").toAbsolutePath().normalize();

    @Test
    void runsAScriptAgainstAMediaStreamsServer() throws Exception {
        List<byte[]> bot;
        try (RepAudioLibrary voices = new RepAudioLibrary()) {
            bot = List.of(
                    voices.spoken("Hi, this is Jordan.").mulaw(),
                    voices.spoken("Honestly, the online quote I got was a quarter point lower, and I want to compare "
                            + "every offer line by line before I decide anything at all.").mulaw(),
                    voices.spoken("Okay, that works.").mulaw());
        }
        CallScript script = new CallScriptParser(SCRIPTS).parse("inline", """
                name: e2e
                scenario: refinance-rate-shopper
                rep:
                  - say: "Hi Jordan, my name is Sam."
                    pause_ms: 400
                  - say: "Sorry to jump in, what rate were you quoted?"
                    when: during-bot
                    offset_ms: 800
                  - hangup: true
                    pause_ms: 300
                """);
        EmulatorConfig config = EmulatorConfig.defaults(SCRIPTS).withAuthToken("test-token");

        try (FakeMediaStreamsServer server = new FakeMediaStreamsServer(bot);
             CallerEmulator emulator = CallerEmulator.create(config)) {
            StreamTarget target = new StreamTarget(server.url(), Map.of("token", "v1.session.token"), Optional.empty());
            CallResult call = emulator.connect(target, script).get(60, TimeUnit.SECONDS);

            assertThat(call.errors()).isEmpty();
            assertThat(call.hungUpByCaller()).isTrue();
            assertThat(call.sent()).extracting(CallResult.Step::kind)
                    .containsExactly(SentStep.Kind.SAY, SentStep.Kind.SAY, SentStep.Kind.HANGUP);
            assertThat(call.sent().get(0).botSpeakingAtStart()).isFalse();
            assertThat(call.sent().get(1).botSpeakingAtStart()).isTrue();

            // The greeting played out (its mark echoed after its audio); the long reply was cleared.
            assertThat(call.marks()).extracting(CallResult.Mark::name, CallResult.Mark::cleared)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("greeting", false),
                            org.assertj.core.groups.Tuple.tuple("reply-1", true),
                            org.assertj.core.groups.Tuple.tuple("reply-2", false));
            CallResult.Mark greeting = call.marks().get(0);
            // Echoed only once the greeting's audio had played: after its speech was heard.
            assertThat(greeting.echoed()).isGreaterThanOrEqualTo(call.heard().get(0).end());
            assertThat(call.clears()).singleElement().satisfies(clear -> {
                assertThat(clear.botWasSpeaking()).isTrue();
                assertThat(clear.flushedMarks()).isEqualTo(1);
                assertThat(clear.droppedBytes()).isPositive();
                assertThat(clear.sinceRepSpeechOnset()).hasValueSatisfying(
                        d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
            });
            assertThat(call.bargeIns()).hasSize(1);
            assertThat(call.heard()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(call.heard()).anyMatch(CallResult.Heard::cutByClear);
            assertThat(call.turnLatencies()).extracting(CallResult.TurnLatency::step).contains(0, 1);
            assertThat(call.turnLatencies()).allSatisfy(t -> assertThat(t.latency()).isLessThan(Duration.ofSeconds(2)));

            // What the server saw: connected, start, media…, mark echoes, stop — numbered like Twilio.
            List<JsonNode> received = server.received();
            assertThat(received.get(0).path("event").asText()).isEqualTo("connected");
            JsonNode start = received.get(1);
            assertThat(start.path("event").asText()).isEqualTo("start");
            assertThat(start.path("start").path("customParameters").path("token").asText()).isEqualTo("v1.session.token");
            assertThat(start.path("start").path("callSid").asText()).isEqualTo(call.ids().callSid());
            assertThat(received.getLast().path("event").asText()).isEqualTo("stop");
            List<Long> sequence = received.stream().skip(1).map(m -> Long.parseLong(m.path("sequenceNumber").asText())).toList();
            assertThat(sequence).isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequence.size()).boxed().toList());
            List<JsonNode> media = received.stream().filter(m -> m.path("event").asText().equals("media")).toList();
            assertThat(media).hasSize((int) call.mediaFramesSent());
            for (int i = 0; i < media.size(); i++) {
                assertThat(media.get(i).path("media").path("chunk").asText()).isEqualTo(String.valueOf(i + 1));
                assertThat(media.get(i).path("media").path("timestamp").asText()).isEqualTo(String.valueOf(i * 20));
            }
            assertThat(received).filteredOn(m -> m.path("event").asText().equals("mark"))
                    .extracting(m -> m.path("mark").path("name").asText()).containsExactly("greeting", "reply-1", "reply-2");

            // The upgrade was signed over the stream URL alone, like Twilio's.
            assertThat(server.upgradeSignatures())
                    .containsExactly(TwilioSignature.compute("test-token", server.url().toString(), Map.of()));
        }
    }
}
