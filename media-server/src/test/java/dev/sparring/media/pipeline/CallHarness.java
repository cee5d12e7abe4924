package dev.sparring.media.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.providers.local.FreeTtsConfig;
import dev.sparring.media.providers.local.FreeTtsTextToSpeech;
import dev.sparring.media.providers.replay.CallScript;
import dev.sparring.media.providers.replay.ReplayConfig;
import dev.sparring.media.providers.replay.ReplayRecognizer;
import dev.sparring.media.providers.scripted.ScriptedPersona;
import dev.sparring.media.providers.scripted.TopicKeywords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole call on a manual clock: real FreeTTS audio (synthesised synchronously so the run is
 * deterministic), the scripted persona, the replay recogniser, and a far end that plays audio in
 * real time and echoes marks like Twilio (flushed marks are echoed at once on clear).
 */
final class CallHarness {
    static final FreeTtsTextToSpeech FREETTS = new FreeTtsTextToSpeech(FreeTtsConfig.defaults());
    static final byte MULAW_SILENCE = MuLaw.SILENCE;

    final ManualScheduler scheduler = new ManualScheduler(1_000_000);
    final FarEnd farEnd = new FarEnd();
    final List<Event> events = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CallPipeline pipeline;
    private final Deque<byte[]> repFrames = new ArrayDeque<>();

    record Event(long atMs, String type, Map<String, Object> data) {}

    /** What the transport was asked to do, in order. */
    record Sent(long atMs, String kind, int bytes, String mark) {}

    CallHarness(SpeechToText stt, PipelineConfig config) {
        this(stt, Optional.empty(), new SynchronousTts(), config);
    }

    /** With other providers: the scripted persona unless {@code llm} is given. */
    CallHarness(SpeechToText stt, Optional<LanguageModel> llm, TextToSpeech tts, PipelineConfig config) {
        CallSession session = session();
        CallContext ctx = new CallContext(session.callId(), session.orgId(), session, scheduler.clock(), scheduler,
                farEnd, (type, data) -> events.add(new Event(scheduler.now(), type, data)));
        pipeline = new StreamingCallPipeline(ctx, config, stt,
                llm.orElseGet(() -> new ScriptedPersona(session.persona(), session.scenario().rubric(), TopicKeywords.defaults(),
                        Runnable::run)),
                tts, "kevin16", new PipelineMetrics(registry));
        farEnd.pipeline = pipeline;
    }

    static CallHarness withScript() {
        return withScript("refinance-happy-path");
    }

    static CallHarness withScript(String name) {
        return new CallHarness(new ReplayRecognizer(ReplayConfig.defaults(), Optional.of(script(name))), PipelineConfig.defaults());
    }

    static CallSession session() {
        try (InputStream in = CallHarness.class.getResourceAsStream("/fixtures/session-refinance.json")) {
            return CallSession.parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallScript script(String name) {
        return CallScript.load(Path.of("src/test/resources/fixtures/scripts"), name);
    }

    /** FreeTTS speech of {@code text} as the caller's μ-law 8 kHz 20 ms frames. */
    static List<byte[]> speech(String text) {
        short[] pcm = PcmBytes.toShorts(FREETTS.synthesizeNow(text, "kevin16"));
        byte[] mulaw = MuLaw.encode(Resampler.create(16_000, 8_000).process(pcm));
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i + 160 <= mulaw.length; i += 160) {
            frames.add(Arrays.copyOfRange(mulaw, i, i + 160));
        }
        return frames;
    }

    void say(String text) {
        repFrames.addAll(speech(text));
    }

    void sayFrames(List<byte[]> frames) {
        repFrames.addAll(frames);
    }

    boolean repSpeaking() {
        return !repFrames.isEmpty();
    }

    /** 20 ms of call: one inbound frame, then time moves and the far end plays. */
    void step() {
        byte[] frame = repFrames.isEmpty() ? silence() : repFrames.poll();
        pipeline.onInboundAudio(frame);
        scheduler.advance(20);
        farEnd.play(20);
        scheduler.runPending();
    }

    /** {@code ms} of the rep's silence, queued after what the rep is saying. */
    void pause(long ms) {
        for (long t = 0; t < ms; t += 20) {
            repFrames.add(silence());
        }
    }

    /**
     * The sender falls behind: {@code ms} pass without a frame, and the frames after keep their
     * 20 ms pace that much late (network jitter, a busy sender).
     */
    void delay(long ms) {
        scheduler.advance(ms);
        farEnd.play(ms);
        scheduler.runPending();
    }

    void run(long ms) {
        for (long t = 0; t < ms; t += 20) {
            step();
        }
    }

    /** Steps until an event of {@code type} matching the filter appears, or fails after {@code maxMs}. */
    Event runUntil(String type, java.util.function.Predicate<Map<String, Object>> filter, long maxMs) {
        for (long t = 0; t <= maxMs; t += 20) {
            Optional<Event> found = events.stream().filter(e -> e.type().equals(type) && filter.test(e.data())).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            step();
        }
        throw new AssertionError("no " + type + " event within " + maxMs + " ms; events: " + events);
    }

    List<Event> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    private static byte[] silence() {
        byte[] frame = new byte[160];
        Arrays.fill(frame, MULAW_SILENCE);
        return frame;
    }

    /** Twilio's side: buffers audio, plays it in real time, echoes marks when reached or when cleared. */
    final class FarEnd implements OutboundTransport {
        CallPipeline pipeline;
        final List<Sent> sent = new ArrayList<>();
        /** Every audio byte sent, in order. */
        final java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
        private final Deque<Object> buffer = new ArrayDeque<>();
        private double headRemainingMs;
        double maxBufferedMs;
        private double buffered;

        @Override
        public void sendAudio(byte[] payload) {
            sent.add(new Sent(scheduler.now(), "audio", payload.length, ""));
            audio.writeBytes(payload);
            buffer.add((double) payload.length / 8.0);
            buffered += payload.length / 8.0;
            maxBufferedMs = Math.max(maxBufferedMs, bufferedMs());
        }

        @Override
        public void sendMark(String name) {
            sent.add(new Sent(scheduler.now(), "mark", 0, name));
            buffer.add(name);
        }

        @Override
        public void sendClear() {
            sent.add(new Sent(scheduler.now(), "clear", 0, ""));
            List<String> flushed = new ArrayList<>();
            for (Object item : buffer) {
                if (item instanceof String mark) {
                    flushed.add(mark);
                }
            }
            buffer.clear();
            buffered = 0;
            headRemainingMs = 0;
            flushed.forEach(mark -> scheduler.execute(() -> pipeline.onMarkPlayed(mark)));
        }

        @Override
        public AudioEncoding encoding() {
            return AudioEncoding.MULAW_8K;
        }

        double bufferedMs() {
            return buffered;
        }

        void play(double ms) {
            double budget = ms;
            while (!buffer.isEmpty()) {
                Object head = buffer.peek();
                if (head instanceof String mark) {
                    buffer.poll();
                    scheduler.execute(() -> pipeline.onMarkPlayed(mark));
                    continue;
                }
                double length = (Double) head;
                double remaining = headRemainingMs > 0 ? headRemainingMs : length;
                if (remaining > budget) {
                    headRemainingMs = remaining - budget;
                    buffered -= budget;
                    return;
                }
                budget -= remaining;
                buffered -= remaining;
                headRemainingMs = 0;
                buffer.poll();
            }
        }
    }

    /** FreeTTS on the calling thread: same audio as production, deterministic ordering. */
    static final class SynchronousTts implements TextToSpeech {
        @Override
        public Synthesis synthesize(String text, String voice, Listener listener) {
            byte[] audio = FREETTS.synthesizeNow(text, voice);
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
}
