package dev.sparring.loadtest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.loadtest.ManualClock;
import dev.sparring.loadtest.audio.EncodedAudio;
import dev.sparring.loadtest.playback.PlaybackBuffer;
import dev.sparring.loadtest.playback.PlaybackConfig;
import dev.sparring.loadtest.playback.Tones;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.CallScriptParser;
import dev.sparring.loadtest.script.ScriptStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {

    private static final long MS = 1_000_000;

    private final ManualClock clock = new ManualClock();
    private final PlaybackBuffer playback = new PlaybackBuffer(clock, PlaybackConfig.DEFAULTS, (name, cleared) -> { });
    private final List<String> wire = new ArrayList<>();
    private final ScriptRunner.Sink sink = new ScriptRunner.Sink() {
        @Override
        public void media(String payloadBase64) {
            wire.add(payloadBase64.equals(EncodedAudio.SILENCE_FRAME_BASE64) ? "." : "A");
        }

        @Override
        public void dtmf(char digit) {
            wire.add("dtmf " + digit);
        }

        @Override
        public void hangup() {
            wire.add("hangup");
        }
    };

    private static CallScript script(String yaml) {
        return new CallScriptParser(Path.of(".")).parse("test", yaml);
    }

    /** Each line is 400 ms of tone: 20 frames. */
    private static Map<ScriptStep.Say, EncodedAudio> audioFor(CallScript script) {
        Map<ScriptStep.Say, EncodedAudio> audio = new IdentityHashMap<>();
        script.steps().forEach(step -> {
            if (step instanceof ScriptStep.Say say) {
                audio.put(say, EncodedAudio.ofMulaw(Tones.voiced(400)));
            }
        });
        return audio;
    }

    /** Runs 20 ms ticks until the clock reads {@code untilMs}. */
    private void runUntil(ScriptRunner runner, long untilMs) {
        while (clock.getAsLong() < untilMs * MS) {
            playback.advance();
            runner.tick(sink);
            clock.advanceMillis(20);
        }
    }

    @Test
    void followsAfterBotDuringBotAndBackchannelTimingAgainstWhatTheCallerHears() {
        CallScript script = script("""
                name: t
                scenario: s
                rep:
                  - say: "Hi, my name is Sam."
                  - say: "Sorry to jump in."
                    when: during-bot
                    offset_ms: 1200
                  - say: "uh-huh"
                    when: during-bot
                    offset_ms: 300
                    backchannel: true
                  - dtmf: "5#"
                    pause_ms: 100
                """);
        ScriptRunner runner = new ScriptRunner(script, audioFor(script), playback, clock, Duration.ofSeconds(10));

        playback.media(Tones.voiced(1_000));             // the greeting: 0..1000 ms
        runUntil(runner, 2_500);
        playback.media(Tones.voiced(3_000));             // the reply to line 0: 2500..5500 ms
        runUntil(runner, 3_900);
        playback.clear();                                // the server heard the barge-in
        runUntil(runner, 4_500);
        playback.media(Tones.voiced(1_000));             // the reply to line 1: 4500..5500 ms
        runUntil(runner, 6_000);
        playback.media(Tones.voiced(500));               // the reply to the keys: 6000..6500 ms
        runUntil(runner, 8_000);

        List<SentStep> sent = runner.sent();
        assertThat(sent).extracting(SentStep::kind).containsExactly(
                SentStep.Kind.SAY, SentStep.Kind.SAY, SentStep.Kind.BACKCHANNEL, SentStep.Kind.DTMF, SentStep.Kind.HANGUP);
        // after-bot: greeting ended at 1000, + 700 ms pause.
        assertThat(sent.get(0).startNanos()).isEqualTo(1_700 * MS);
        assertThat(sent.get(0).endNanos()).isEqualTo(2_080 * MS);
        assertThat(sent.get(0).botSpeakingAtStart()).isFalse();
        // during-bot: reply started at 2500, + 1200 ms: a barge-in while the bot talks.
        assertThat(sent.get(1).startNanos()).isEqualTo(3_700 * MS);
        assertThat(sent.get(1).botSpeakingAtStart()).isTrue();
        // backchannel 300 ms into the next reply, which started at 4500.
        assertThat(sent.get(2).startNanos()).isEqualTo(4_800 * MS);
        assertThat(sent.get(2).botSpeakingAtStart()).isTrue();
        // dtmf 100 ms after the reply ended at 5500 (once the 200 ms hangover has passed).
        assertThat(sent.get(3).startNanos()).isEqualTo(5_700 * MS);
        // the implicit hang-up: 700 ms after the bot's last words at 6500.
        assertThat(sent.get(4).startNanos()).isEqualTo(7_200 * MS);
        assertThat(sent).noneMatch(SentStep::timedOut);

        assertThat(runner.hungUp()).isTrue();
        assertThat(wire).containsSubsequence("dtmf 5", "dtmf #", ".", "hangup");
        assertThat(wire).last().isEqualTo("hangup");
        // 1700 ms of silence frames before the first line, then 20 frames of the line.
        assertThat(wire.subList(0, 85)).containsOnly(".");
        assertThat(wire.subList(85, 105)).containsOnly("A");
        assertThat(wire.get(105)).isEqualTo(".");
    }

    @Test
    void aStepStartsAnywayWhenTheBotNeverSpeaks() {
        CallScript script = script("""
                name: t
                scenario: s
                rep:
                  - say: "Hello? Anyone there?"
                  - hangup: true
                """);
        ScriptRunner runner = new ScriptRunner(script, audioFor(script), playback, clock, Duration.ofSeconds(3));
        runUntil(runner, 8_000);

        List<SentStep> sent = runner.sent();
        assertThat(sent).extracting(SentStep::startNanos).containsExactly(3_000 * MS, 6_400 * MS);
        assertThat(sent).allMatch(SentStep::timedOut);
    }

    @Test
    void answerPairsTheBotsNextSpeechWithTheLastRepLineOnce() {
        CallScript script = script("""
                name: t
                scenario: s
                rep:
                  - say: "Hi, my name is Sam."
                  - say: "uh-huh"
                    when: during-bot
                    offset_ms: 300
                    backchannel: true
                """);
        List<Long> answers = new ArrayList<>();
        ScriptRunner[] runner = new ScriptRunner[1];
        PlaybackBuffer heard = new PlaybackBuffer(clock, PlaybackConfig.DEFAULTS, new PlaybackBuffer.Listener() {
            @Override
            public void markDue(String name, boolean cleared) {
            }

            @Override
            public void botSpeechStarted(long atNanos) {
                runner[0].answer(atNanos).ifPresent(answers::add);
            }
        });
        runner[0] = new ScriptRunner(script, audioFor(script), heard, clock, Duration.ofSeconds(10));
        Runnable tick = () -> {
            heard.advance();
            runner[0].tick(sink);
            clock.advanceMillis(20);
        };

        heard.media(Tones.voiced(1_000));                // the greeting answers no line
        while (clock.getAsLong() < 2_500 * MS) {
            tick.run();
        }
        heard.media(Tones.voiced(1_000));                // the reply to line 0 (spoken 1700..2080 ms)
        while (clock.getAsLong() < 4_000 * MS) {
            tick.run();
        }

        assertThat(answers).containsExactly(420 * MS);
        // A backchannel is not a turn: the reply it overlapped was already counted.
        assertThat(runner[0].sent()).extracting(SentStep::kind).contains(SentStep.Kind.BACKCHANNEL);
        assertThat(runner[0].answer(10_000 * MS)).isEmpty();
    }
}
