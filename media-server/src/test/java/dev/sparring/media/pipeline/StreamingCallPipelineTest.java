package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.media.pipeline.CallHarness.Event;
import dev.sparring.media.pipeline.CallHarness.Sent;
import dev.sparring.media.providers.replay.ReplayConfig;
import dev.sparring.media.providers.replay.ReplayRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamingCallPipelineTest {
    private static final String GREETING = "Jordan here. Who is calling?";
    private static final String LINE_1 = "Hi Jordan, my name is Sam from Harbor Lending. Do you have a minute?";
    private static final String OBJECTION = "Honestly, the online quote I got was a quarter point lower, and I am not sure why I should switch.";

    private static boolean prospect(java.util.Map<String, Object> d) {
        return "prospect".equals(d.get("speaker"));
    }

    @Test
    void greetingIsPacedInTwentyMillisecondChunksWithMarksAndLoggedWhenPlayedOut() {
        CallHarness call = CallHarness.withScript();
        call.pipeline.start();
        call.scheduler.runPending();

        List<Sent> burst = call.farEnd.sent.stream().filter(s -> s.kind().equals("audio")).toList();
        assertThat(burst).hasSize(10).allSatisfy(s -> assertThat(s.bytes()).isEqualTo(160));

        Event greeting = call.runUntil("utterance", CallStreamingTestSupport::always, 10_000);
        assertThat(greeting.data()).containsEntry("speaker", "prospect").containsEntry("text", GREETING)
                .containsEntry("interrupted", false).containsEntry("turn", 1);
        assertThat(call.farEnd.maxBufferedMs).isLessThanOrEqualTo(220);
        List<Sent> all = call.farEnd.sent;
        long audioChunks = all.stream().filter(s -> s.kind().equals("audio")).count();
        long marks = all.stream().filter(s -> s.kind().equals("mark")).count();
        assertThat(marks).isBetween(audioChunks / 5, audioChunks / 5 + 1);
        assertThat(call.pipeline.idle()).isTrue();
    }

    @Test
    void repTurnIsRecognisedAndAnsweredWithLatencyMeasuredFromTheLastVoicedFrame() {
        CallHarness call = CallHarness.withScript();
        call.pipeline.start();
        call.runUntil("utterance", StreamingCallPipelineTest::prospect, 10_000);
        call.run(700);
        call.say(LINE_1);

        Event rep = call.runUntil("utterance", d -> "rep".equals(d.get("speaker")), 15_000);
        assertThat(rep.data()).containsEntry("text", LINE_1).containsEntry("recognised", true).containsEntry("turn", 2);
        Event latency = call.runUntil("turn.latency", d -> true, 3_000);
        assertThat(latency.data()).containsEntry("turn", 3);
        assertThat((Long) latency.data().get("eos_to_first_audio_ms")).isBetween(300L, 800L);

        Event reply = call.runUntil("utterance", d -> prospect(d) && Integer.valueOf(3).equals(d.get("turn")), 15_000);
        assertThat(reply.data()).containsEntry("text", OBJECTION).containsEntry("interrupted", false);
        assertThat(call.registry.get("sparring.turn.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void framesArrivingLateDoNotEndTheTurnInAPauseBetweenSentences() {
        List<Long> finalizeRequests = new ArrayList<>();
        SpeechToText replay = new ReplayRecognizer(ReplayConfig.defaults(),
                Optional.of(CallHarness.script("refinance-happy-path")));
        CallHarness[] holder = new CallHarness[1];
        SpeechToText recording = new SpeechToText() {
            @Override
            public Stream open(Listener listener) {
                Stream inner = replay.open(listener);
                return new Finalizing() {
                    @Override
                    public void sendAudio(byte[] audio) {
                        inner.sendAudio(audio);
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }

                    @Override
                    public void finalizeNow() {
                        finalizeRequests.add(holder[0].scheduler.now());
                    }

                    @Override
                    public CompletableFuture<Void> closeGracefully() {
                        inner.close();
                        return CompletableFuture.completedFuture(null);
                    }
                };
            }

            @Override
            public AudioEncoding inputEncoding() {
                return replay.inputEncoding();
            }
        };
        CallHarness call = new CallHarness(recording, PipelineConfig.defaults());
        holder[0] = call;
        call.pipeline.start();
        call.runUntil("utterance", StreamingCallPipelineTest::prospect, 10_000);
        call.run(700);
        List<byte[]> line = CallHarness.speech(LINE_1);
        int half = line.size() / 2;
        // A 500 ms pause of the rep's between two halves of the line, and 300 ms into it the frames
        // fall 500 ms behind: by the wall clock the rep is silent for 1 s (more than
        // end-of-turn-silence), by the audio for 500 ms, and it is the audio that counts: the turn
        // must not end (no Finalize) mid-line.
        call.sayFrames(line.subList(0, half));
        call.pause(500);
        call.sayFrames(line.subList(half, line.size()));
        call.run(half * 20L + 300);
        call.delay(500);
        while (call.repSpeaking()) {
            call.step();
        }
        assertThat(finalizeRequests).isEmpty();
        call.run(1_000);
        assertThat(finalizeRequests).hasSize(1);
    }

    @Test
    void bargeInClearsCancelsAndCutsTheReplyToWhatWasHeard() {
        CallHarness call = CallHarness.withScript();
        call.pipeline.start();
        call.runUntil("utterance", StreamingCallPipelineTest::prospect, 10_000);
        call.run(700);
        call.say(LINE_1);
        call.runUntil("turn.latency", d -> true, 15_000);
        call.run(1_200);
        call.say("Sorry to jump in, what rate were you quoted?");

        Event bargeIn = call.runUntil("barge_in", d -> true, 5_000);
        assertThat(bargeIn.data()).containsEntry("turn", 3);
        long heardMs = (Long) bargeIn.data().get("heard_ms");
        // Speech began 1200 ms into playout; FreeTTS leads with ~250 ms of silence, then 300 ms of voiced speech confirm it.
        assertThat(heardMs).isBetween(1_200L, 2_100L);

        Event cut = call.events("utterance").stream().filter(e -> prospect(e.data()) && e.data().get("turn").equals(3))
                .findFirst().orElseThrow();
        String heard = (String) cut.data().get("text");
        assertThat(cut.data()).containsEntry("interrupted", true).containsEntry("generated_text", OBJECTION);
        assertThat(heard).isNotBlank().isNotEqualTo(OBJECTION);
        assertThat(OBJECTION).startsWith(heard);

        int clearIndex = indexOfFirst(call.farEnd.sent, "clear");
        call.runUntil("utterance", d -> "rep".equals(d.get("speaker")) && d.get("turn").equals(4), 10_000);
        long audioAfterClearBeforeRepTurnEnded = call.farEnd.sent.subList(clearIndex, call.farEnd.sent.size()).stream()
                .filter(s -> s.kind().equals("audio") && s.atMs() < call.events("utterance").getLast().atMs()).count();
        assertThat(audioAfterClearBeforeRepTurnEnded).isZero();
        assertThat(call.registry.get("sparring.barge.ins").counter().count()).isEqualTo(1);
        // Onset (the arrival of the first voiced 20 ms frame, which already counts towards the minimum)
        // to the clear: barge-in-min-speech less that one frame, plus what the recogniser needed.
        var reaction = call.registry.get("sparring.barge.in.reaction").timer();
        assertThat(reaction.count()).isEqualTo(1);
        assertThat(reaction.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isBetween(TurnTakingConfig.defaults().bargeInMinSpeechMs() - 20.0, 1_000.0);
    }

    @Test
    void backchannelWhileTheProspectSpeaksDoesNotInterrupt() {
        CallHarness call = CallHarness.withScript("backchannel-then-answer");
        call.pipeline.start();
        call.runUntil("utterance", StreamingCallPipelineTest::prospect, 10_000);
        call.run(700);
        call.say(LINE_1);
        call.runUntil("turn.latency", d -> true, 15_000);
        call.run(800);
        call.say("uh-huh");
        Event reply = call.runUntil("utterance", d -> prospect(d) && d.get("turn").equals(3), 15_000);

        assertThat(call.farEnd.sent).noneMatch(s -> s.kind().equals("clear"));
        assertThat(call.events("barge_in")).isEmpty();
        assertThat(reply.data()).containsEntry("interrupted", false).containsEntry("text", OBJECTION);
        assertThat(call.events("utterance")).anySatisfy(e -> assertThat(e.data())
                .containsEntry("speaker", "rep").containsEntry("text", "uh-huh"));
        assertThat(call.registry.get("sparring.backchannels").counter().count()).isEqualTo(1);
    }

    @Test
    void speechThatNeverBecomesWordsIsAFalseInterruptionAndTheProspectResumes() {
        CallHarness call = new CallHarness(new DeafRecognizer(), PipelineConfig.defaults());
        call.pipeline.start();
        call.run(400);
        call.say("Well then.");
        call.runUntil("utterance", StreamingCallPipelineTest::prospect, 15_000);

        assertThat(call.farEnd.sent).anyMatch(s -> s.kind().equals("clear"));
        assertThat(call.events("barge_in")).isEmpty();
        Event greeting = call.events("utterance").getFirst();
        assertThat(greeting.data()).containsEntry("text", GREETING).containsEntry("interrupted", false);
        assertThat(call.registry.get("sparring.false.interruptions").counter().count()).isEqualTo(1);
    }

    @Test
    void curveballNowInterruptsTheProspectAndIsVoicedAtOnce() {
        CallHarness call = CallHarness.withScript();
        call.pipeline.start();
        call.run(600);
        call.pipeline.onInjection(new Injection("inj-1", "curveball", "My wife wants two more quotes first.", "now"));
        call.scheduler.runPending();

        Event applied = call.events("injection.applied").getFirst();
        assertThat(applied.data()).containsEntry("injection_id", "inj-1").containsEntry("timing", "now").containsEntry("turn", 2);
        Event cutGreeting = call.events("utterance").getFirst();
        assertThat(cutGreeting.data()).containsEntry("interrupted", true).containsEntry("turn", 1);
        Event curveball = call.runUntil("utterance", d -> d.get("turn").equals(2), 10_000);
        assertThat(curveball.data()).containsEntry("text", "Actually, My wife wants two more quotes first.");
        assertThat(call.events("barge_in")).isEmpty();
    }

    @Test
    void afterBotTurnAndNextTurnInjectionsWaitForTheirMoment() {
        CallHarness call = CallHarness.withScript();
        call.pipeline.start();
        call.run(200);
        call.pipeline.onInjection(new Injection("inj-2", "curveball", "We might sell the house.", "after-bot-turn"));
        call.pipeline.onInjection(new Injection("inj-3", "context", "Be warmer if they mention savings.", "next-turn"));
        call.scheduler.runPending();
        assertThat(call.events("injection.applied")).isEmpty();

        Event afterTurn = call.runUntil("utterance", d -> d.get("turn").equals(2), 10_000);
        assertThat(afterTurn.data()).containsEntry("text", "Actually, We might sell the house.");
        assertThat(call.events("injection.applied")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("injection_id", "inj-2"));

        call.run(700);
        call.say(LINE_1);
        call.runUntil("injection.applied", d -> d.get("injection_id").equals("inj-3"), 15_000);
        call.pipeline.onDtmf("5");
        call.pipeline.stop("hangup");
        assertThat(call.events("dtmf").getFirst().data()).containsEntry("digit", "5");
        assertThat(call.events("call.ended").getFirst().data()).containsEntry("reason", "hangup");
        assertThat(Set.copyOf(call.events.stream().map(Event::type).toList()))
                .contains("utterance", "turn.latency", "injection.applied", "dtmf", "call.ended");
    }

    private static int indexOfFirst(List<Sent> sent, String kind) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).kind().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " sent");
    }

    /** A recogniser that hears only noise: it never produces a transcript (as real STT does for coughs). */
    private static final class DeafRecognizer implements SpeechToText {
        @Override
        public Stream open(Listener listener) {
            return new Stream() {
                @Override
                public void sendAudio(byte[] audio) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public AudioEncoding inputEncoding() {
            return AudioEncoding.PCM16_16K;
        }
    }
}
