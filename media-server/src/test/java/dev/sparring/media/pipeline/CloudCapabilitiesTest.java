package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.CallHarness.Event;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the pipeline does with what cloud providers offer — a recogniser that finalises on request
 * and flushes at hang-up, a voice that speaks the transport's μ-law, word timings, and the per-turn
 * latency story — with fake providers on the manual clock.
 */
class CloudCapabilitiesTest {
    private static final long START = 1_000_000;
    private static final String LINE_1 = "Hi Jordan, my name is Sam from Harbor Lending. Do you have a minute?";
    private static final String GREETING = "Jordan here. Who is calling?";

    private static boolean prospect(Map<String, Object> d) {
        return "prospect".equals(d.get("speaker"));
    }

    private static boolean rep(Map<String, Object> d) {
        return "rep".equals(d.get("speaker"));
    }

    // ---- Finalize and the hang-up flush ------------------------------------------------------------

    @Test
    void theRecogniserIsToldToFinaliseWhenTheRepFallsSilent() {
        ControlledRecognizer stt = new ControlledRecognizer();
        CallHarness call = harness(stt);
        call.pipeline.start();
        call.runUntil("utterance", CloudCapabilitiesTest::prospect, 10_000);
        call.run(700);
        call.say(LINE_1);
        for (int i = 0; i < 500 && stt.stream.finalizedAtMs.isEmpty(); i++) {
            call.step();
        }
        assertThat(stt.stream.finalizedAtMs).hasSize(1);

        stt.listener.onFinal(new SpeechToText.Transcript(LINE_1, true));
        Event utterance = call.runUntil("utterance", CloudCapabilitiesTest::rep, 1_000);

        assertThat(utterance.data()).containsEntry("text", LINE_1);
        long lastVoiced = START + (Long) utterance.data().get("end_ms");
        // At end-of-turn-silence after the last voiced frame (within one 20 ms frame).
        assertThat(stt.stream.finalizedAtMs.getFirst() - lastVoiced).isBetween(600L, 620L);
    }

    @Test
    void theRecogniserIsToldToFinaliseOnABargeIn() {
        ControlledRecognizer stt = new ControlledRecognizer();
        CallHarness call = harness(stt);
        call.pipeline.start();
        call.run(400);
        call.say("Sorry to jump in, what rate?");
        for (int i = 0; i < 100 && call.farEnd.sent.stream().noneMatch(s -> s.kind().equals("clear")); i++) {
            call.step();
        }
        assertThat(stt.stream.finalizedAtMs).as("a pause is not a barge-in yet").isEmpty();

        stt.listener.onInterim(new SpeechToText.Transcript("Sorry to jump in", true));
        call.scheduler.runPending();

        assertThat(call.events("barge_in")).hasSize(1);
        assertThat(stt.stream.finalizedAtMs).containsExactly(call.scheduler.now());
    }

    @Test
    void atHangUpTheLastFinalBecomesAnUtteranceBeforeCallEnded() {
        ControlledRecognizer stt = new ControlledRecognizer();
        CallHarness call = harness(stt);
        call.pipeline.start();
        call.runUntil("utterance", CloudCapabilitiesTest::prospect, 10_000);
        call.run(700);
        call.say(LINE_1);
        call.run(1_000);
        stt.listener.onInterim(new SpeechToText.Transcript("Hi Jordan, my name", true));
        call.scheduler.runPending();

        call.pipeline.stop("hangup");
        call.scheduler.runPending();
        assertThat(stt.stream.gracefulClose).isTrue();
        assertThat(call.events("call.ended")).isEmpty();
        assertThat(call.pipeline.stopped().toCompletableFuture()).isNotDone();

        call.scheduler.advance(300);
        stt.listener.onFinal(new SpeechToText.Transcript("Hi Jordan, my name is Sam.", true));
        stt.stream.flushed.complete(null);
        call.scheduler.runPending();

        List<Event> tail = call.events.subList(call.events.size() - 2, call.events.size());
        assertThat(tail).extracting(Event::type).containsExactly("utterance", "call.ended");
        assertThat(tail.getFirst().data()).containsEntry("speaker", "rep").containsEntry("text", "Hi Jordan, my name is Sam.")
                .containsEntry("turn", 2);
        assertThat(tail.getLast().data()).containsEntry("reason", "hangup");
        assertThat(call.pipeline.stopped().toCompletableFuture()).isCompleted();
        assertThat(stt.stream.closed).isTrue();
    }

    @Test
    void atHangUpARecogniserThatNeverFlushesIsGivenUpAfterTheTimeout() {
        ControlledRecognizer stt = new ControlledRecognizer();
        CallHarness call = harness(stt);
        call.pipeline.start();
        call.runUntil("utterance", CloudCapabilitiesTest::prospect, 10_000);
        int before = call.events.size();

        call.pipeline.stop("hangup");
        call.scheduler.advance(PipelineConfig.DEFAULT_STT_FLUSH_TIMEOUT_MS - 1);
        assertThat(call.events("call.ended")).isEmpty();
        call.scheduler.advance(1);

        assertThat(call.events.subList(before, call.events.size())).extracting(Event::type).containsExactly("call.ended");
        assertThat(stt.stream.closed).isTrue();
        assertThat(call.pipeline.stopped().toCompletableFuture()).isCompleted();
        stt.listener.onFinal(new SpeechToText.Transcript("Too late.", true));
        stt.stream.flushed.complete(null);
        call.scheduler.advance(100);
        assertThat(call.events).hasSize(before + 1);
    }

    @Test
    void aRecogniserWithoutFinalizeStopsAtOnceAsBefore() {
        CallHarness call = CallHarness.withScript();
        call.pipeline.start();
        call.run(200);
        call.pipeline.stop("hangup");

        assertThat(call.events("call.ended")).hasSize(1);
        assertThat(call.pipeline.stopped().toCompletableFuture()).isCompleted();
    }

    // ---- μ-law pass-through ------------------------------------------------------------------------

    @Test
    void aVoiceSpeakingTheTransportsMuLawIsPlayedByteForByte() {
        MuLawVoice voice = new MuLawVoice();
        CallHarness call = new CallHarness(new ControlledRecognizer(), Optional.empty(), voice, PipelineConfig.defaults());
        call.pipeline.start();
        Event greeting = call.runUntil("utterance", CloudCapabilitiesTest::prospect, 10_000);

        assertThat(greeting.data()).containsEntry("text", GREETING).containsEntry("interrupted", false);
        assertThat(call.farEnd.audio.toByteArray()).isEqualTo(voice.produced.toByteArray());
        assertThat(call.farEnd.sent).filteredOn(s -> s.kind().equals("audio")).first()
                .satisfies(s -> assertThat(s.bytes()).isEqualTo(160));
    }

    @Test
    void aVoiceInNeitherPcmNorTheTransportsEncodingIsRefused() {
        TextToSpeech wideband = new TextToSpeech() {
            @Override
            public Synthesis synthesize(String text, String voice, Listener listener) {
                return () -> { };
            }

            @Override
            public AudioEncoding outputEncoding() {
                return AudioEncoding.PCM16_48K;
            }
        };
        assertThatThrownBy(() -> new CallHarness(new ControlledRecognizer(), Optional.empty(), wideband, PipelineConfig.defaults()))
                .isInstanceOf(PipelineException.class).hasMessageContaining("PCM16_48K");
    }

    // ---- word timings ------------------------------------------------------------------------------

    @Test
    void anInterruptedReplyIsCutAtTheLastWordTheVoiceSaysWasHeardInFull() {
        TimedVoice voice = new TimedVoice();
        CallHarness call = new CallHarness(
                new dev.sparring.media.providers.replay.ReplayRecognizer(
                        dev.sparring.media.providers.replay.ReplayConfig.defaults(),
                        Optional.of(CallHarness.script("refinance-happy-path"))),
                Optional.empty(), voice, PipelineConfig.defaults());
        call.pipeline.start();
        call.runUntil("utterance", CloudCapabilitiesTest::prospect, 10_000);
        call.run(700);
        int replyFrom = voice.clauses.size();
        call.say(LINE_1);
        call.runUntil("turn.latency", d -> true, 15_000);
        call.run(1_200);
        call.say("Sorry to jump in, what rate were you quoted?");

        Event bargeIn = call.runUntil("barge_in", d -> true, 5_000);
        long heardMs = (Long) bargeIn.data().get("heard_ms");
        Event cut = call.events("utterance").stream().filter(e -> prospect(e.data()) && e.data().get("turn").equals(3))
                .findFirst().orElseThrow();

        List<HeardText.Segment> timed = new ArrayList<>();
        List<HeardText.Segment> untimed = new ArrayList<>();
        double start = 0;
        for (TimedVoice.Clause clause : voice.clauses.subList(replyFrom, voice.clauses.size())) {
            timed.add(new HeardText.Segment(clause.text(), start, clause.durationMs(), clause.words()));
            untimed.add(new HeardText.Segment(clause.text(), start, clause.durationMs()));
            start += clause.durationMs();
        }
        String expected = HeardText.cut(timed, heardMs);
        assertThat(cut.data()).containsEntry("interrupted", true).containsEntry("text", expected);
        assertThat(expected).isNotBlank().isNotEqualTo(HeardText.cut(untimed, heardMs));
    }

    // ---- latency -----------------------------------------------------------------------------------

    @Test
    void turnLatencyPlacesEveryStageOnTheLineFromTheRepsLastVoicedFrame() {
        Map<String, Object> latency = latencyOfOneTurn(0);
        @SuppressWarnings("unchecked")
        Map<String, Long> since = (Map<String, Long>) latency.get("since_eos_ms");

        assertThat(since.keySet()).containsExactly("stt_final", "turn_end", "llm_request", "llm_first_token",
                "tts_request", "tts_first_audio", "first_frame_sent");
        assertThat(since.get("stt_final")).isEqualTo(since.get("turn_end")).isGreaterThanOrEqualTo(600L);
        assertThat(since.get("llm_request")).isEqualTo(since.get("turn_end"));
        assertThat(since.get("llm_first_token") - since.get("llm_request")).isEqualTo(DelayedModel.FIRST_TOKEN_MS);
        assertThat(since.get("tts_request")).isEqualTo(since.get("llm_first_token"));
        assertThat(since.get("tts_first_audio") - since.get("tts_request")).isEqualTo(DelayedVoice.FIRST_AUDIO_MS);
        assertThat(since.get("first_frame_sent")).isEqualTo(since.get("tts_first_audio"))
                .isEqualTo(latency.get("eos_to_first_audio_ms"));
        assertThat(latency.get("server_ms")).isEqualTo(0.0);
        assertThat(latency.get("stages")).isEqualTo(Map.of("stt_final_ms", since.get("turn_end"),
                "llm_first_token_ms", DelayedModel.FIRST_TOKEN_MS, "tts_first_audio_ms", DelayedVoice.FIRST_AUDIO_MS));
    }

    @Test
    void serverTimeIsWhatTheCallSpentBetweenProviderEventsAndStagesAreTimed() {
        CallHarness[] call = new CallHarness[1];
        Map<String, Object> latency = latencyOfOneTurn(3, call);
        @SuppressWarnings("unchecked")
        Map<String, Long> since = (Map<String, Long>) latency.get("since_eos_ms");

        // Each provider callback waited 3 ms on the busy event loop before the call handled it.
        assertThat(since.get("llm_request") - since.get("turn_end")).isEqualTo(3);
        assertThat(since.get("first_frame_sent") - since.get("tts_first_audio")).isEqualTo(3);
        assertThat(latency.get("server_ms")).isEqualTo(6.0);
        assertThat(latency.get("server_stages_ms")).isEqualTo(Map.of("turn_end_to_llm_request", 3.0,
                "tts_first_audio_to_first_frame", 3.0));

        var registry = call[0].registry;
        for (String stage : PipelineMetrics.STAGES) {
            var timer = registry.get("sparring.turn.stage").tag("stage", stage).timer();
            assertThat(timer.count()).as(stage).isEqualTo(1);
            assertThat((long) timer.totalTime(TimeUnit.MILLISECONDS)).as(stage).isEqualTo(since.get(stage));
        }
        assertThat(registry.get("sparring.turn.server").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
    }

    private static Map<String, Object> latencyOfOneTurn(long hopMs) {
        return latencyOfOneTurn(hopMs, new CallHarness[1]);
    }

    /** One answered rep turn: final on request, the model's first token after 350 ms, first audio 150 ms later. */
    private static Map<String, Object> latencyOfOneTurn(long hopMs, CallHarness[] out) {
        ControlledRecognizer stt = new ControlledRecognizer();
        DelayedModel model = new DelayedModel();
        DelayedVoice voice = new DelayedVoice();
        CallHarness call = new CallHarness(stt, Optional.of(model), voice, PipelineConfig.defaults());
        out[0] = call;
        stt.scheduler = call.scheduler;
        model.scheduler = call.scheduler;
        voice.scheduler = call.scheduler;
        call.pipeline.start();
        call.runUntil("utterance", CloudCapabilitiesTest::prospect, 10_000);
        call.run(700);
        call.scheduler.hopDelay(hopMs);
        call.say(LINE_1);
        for (int i = 0; i < 500 && stt.stream.finalizedAtMs.isEmpty(); i++) {
            call.step();
        }
        stt.listener.onFinal(new SpeechToText.Transcript(LINE_1, true));
        return call.runUntil("turn.latency", d -> true, 2_000).data();
    }

    private static CallHarness harness(ControlledRecognizer stt) {
        CallHarness call = new CallHarness(stt, PipelineConfig.defaults());
        stt.scheduler = call.scheduler;
        return call;
    }

    // ---- fakes -------------------------------------------------------------------------------------

    /** A recogniser the test speaks for; its stream finalises and flushes on request, like Deepgram's. */
    static final class ControlledRecognizer implements SpeechToText {
        /** The call's scheduler, set once the harness exists (the recogniser is made before it). */
        ManualScheduler scheduler;
        Listener listener;
        ControlledStream stream;

        @Override
        public Stream open(Listener listener) {
            this.listener = listener;
            this.stream = new ControlledStream();
            return stream;
        }

        @Override
        public AudioEncoding inputEncoding() {
            return AudioEncoding.MULAW_8K;
        }

        final class ControlledStream implements SpeechToText.Finalizing {
            final List<Long> finalizedAtMs = new ArrayList<>();
            final CompletableFuture<Void> flushed = new CompletableFuture<>();
            boolean gracefulClose;
            boolean closed;

            @Override
            public void sendAudio(byte[] audio) {
                assertThat(audio).hasSize(160);
            }

            @Override
            public void finalizeNow() {
                finalizedAtMs.add(scheduler.now());
            }

            @Override
            public CompletableFuture<Void> closeGracefully() {
                gracefulClose = true;
                return flushed;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }

    /** FreeTTS audio delivered as μ-law 8 kHz, as ElevenLabs {@code ulaw_8000} would. */
    static final class MuLawVoice implements TextToSpeech {
        final ByteArrayOutputStream produced = new ByteArrayOutputStream();

        @Override
        public Synthesis synthesize(String text, String voice, Listener listener) {
            short[] pcm = PcmBytes.toShorts(CallHarness.FREETTS.synthesizeNow(text, "kevin16"));
            Resampler down = Resampler.create(16_000, 8_000);
            short[] narrow = new short[down.outputLengthFor(pcm.length) + down.flushLength()];
            int n = down.process(pcm, 0, pcm.length, narrow, 0);
            n += down.flush(narrow, n);
            byte[] mulaw = MuLaw.encode(Arrays.copyOf(narrow, n));
            produced.writeBytes(mulaw);
            for (int i = 0; i < mulaw.length; i += 837) {
                listener.onAudio(Arrays.copyOfRange(mulaw, i, Math.min(mulaw.length, i + 837)));
            }
            listener.onComplete();
            return () -> { };
        }

        @Override
        public AudioEncoding outputEncoding() {
            return AudioEncoding.MULAW_8K;
        }
    }

    /**
     * FreeTTS audio with word timings that crowd every word into the first half of the clause — unlike
     * the letters-proportional estimate — so the cut shows which rule was used.
     */
    static final class TimedVoice implements TextToSpeech {
        record Clause(String text, double durationMs, List<WordTiming> words) {}

        final List<Clause> clauses = new ArrayList<>();

        @Override
        public Synthesis synthesize(String text, String voice, Listener listener) {
            byte[] audio = CallHarness.FREETTS.synthesizeNow(text, voice);
            double duration = AudioEncoding.PCM16_16K.millisOf(audio.length);
            String[] words = text.strip().split("\\s+");
            List<WordTiming> timings = new ArrayList<>();
            double slot = duration / (2.0 * words.length);
            for (int i = 0; i < words.length; i++) {
                timings.add(new WordTiming(words[i], Math.round(i * slot), Math.round((i + 1) * slot)));
            }
            clauses.add(new Clause(text, duration, timings));
            if (listener instanceof TimedListener timed) {
                timed.onWordTimings(timings);
            }
            for (int i = 0; i < audio.length; i += 3_200) {
                listener.onAudio(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 3_200)));
            }
            listener.onComplete();
            return () -> { };
        }

        @Override
        public AudioEncoding outputEncoding() {
            return AudioEncoding.PCM16_16K;
        }
    }

    /** A model whose whole reply arrives {@value #FIRST_TOKEN_MS} ms after the request. */
    static final class DelayedModel implements LanguageModel {
        static final long FIRST_TOKEN_MS = 350;
        ManualScheduler scheduler;

        @Override
        public Generation generate(Request request, Listener listener) {
            var task = scheduler.schedule(() -> {
                listener.onToken("Sure, I have a minute. ");
                listener.onComplete();
            }, FIRST_TOKEN_MS, TimeUnit.MILLISECONDS);
            return () -> task.cancel(false);
        }
    }

    /** A voice whose 400 ms of tone arrives {@value #FIRST_AUDIO_MS} ms after the request. */
    static final class DelayedVoice implements TextToSpeech {
        static final long FIRST_AUDIO_MS = 150;
        ManualScheduler scheduler;

        @Override
        public Synthesis synthesize(String text, String voice, Listener listener) {
            var task = scheduler.schedule(() -> {
                short[] tone = new short[400 * 16];
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (6_000 * Math.sin(2 * Math.PI * 300 * i / 16_000.0));
                }
                listener.onAudio(PcmBytes.toBytes(tone));
                listener.onComplete();
            }, FIRST_AUDIO_MS, TimeUnit.MILLISECONDS);
            return () -> task.cancel(false);
        }

        @Override
        public AudioEncoding outputEncoding() {
            return AudioEncoding.PCM16_16K;
        }
    }
}
