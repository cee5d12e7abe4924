package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallSession;
import dev.sparring.media.pipeline.Injection;
import dev.sparring.media.pipeline.OutboundTransport;
import dev.sparring.media.pipeline.PlayoutConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Realtime pipeline on a manual clock with a far end that plays in real time and echoes marks like Twilio. */
class RealtimeCallPipelineTest {
    record Event(long atMs, String type, Map<String, Object> data) {}

    private final ManualScheduler scheduler = new ManualScheduler(1_000_000);
    private final FarEnd farEnd = new FarEnd();
    private final FakeRealtime model = new FakeRealtime();
    private final List<Event> events = new ArrayList<>();
    private RealtimeCallPipeline pipeline;

    @BeforeEach
    void start() throws IOException {
        CallSession session = CallSession.parse(new ObjectMapper().readTree(
                Path.of("src/test/resources/fixtures/session-refinance.json").toFile()));
        CallContext ctx = new CallContext(session.callId(), session.orgId(), session, scheduler.clock(), scheduler,
                farEnd, (type, data) -> events.add(new Event(scheduler.now(), type, data)));
        pipeline = new RealtimeCallPipeline(ctx, model, PlayoutConfig.defaults());
        pipeline.start();
    }

    /** The server's side: events arrive through the listener, as the socket would deliver them. */
    private void server(RealtimeEvent... sent) {
        for (RealtimeEvent event : sent) {
            model.listener.onEvent(event);
        }
        scheduler.runPending();
    }

    /** A reply of {@code ms} of μ-law tone in 100 ms deltas. */
    private void reply(String responseId, String itemId, int ms, String transcript) {
        server(new RealtimeEvent.ResponseCreated(responseId));
        for (int i = 0; i < ms / 100; i++) {
            server(new RealtimeEvent.AudioDelta(responseId, itemId, 0, tone(800, i * 800)),
                    new RealtimeEvent.TranscriptDelta(responseId, itemId, i == 0 ? transcript : ""));
        }
        server(new RealtimeEvent.TranscriptDone(responseId, itemId, transcript),
                new RealtimeEvent.ResponseDone(responseId, "completed", Optional.empty()));
    }

    /** 20 ms of call: one silent caller frame in, then time moves and the far end plays. */
    private void run(long ms) {
        byte[] silence = new byte[160];
        Arrays.fill(silence, MuLaw.SILENCE);
        for (long t = 0; t < ms; t += 20) {
            pipeline.onInboundAudio(silence);
            scheduler.advance(20);
            farEnd.play(20);
            scheduler.runPending();
        }
    }

    private List<Event> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void theSessionIsSetUpForThePhoneAndTheProspectGreetsFirst() {
        assertThat(model.setup.encoding()).isEqualTo(AudioEncoding.MULAW_8K);
        assertThat(model.setup.instructions()).isEqualTo("You are Jordan Lee, a Homeowner at a two-person household company.");
        assertThat(model.setup.voice()).as("the persona names no openai voice").isEqualTo("marin");
        assertThat(model.setup.script()).contains("refinance-happy-path");
        assertThat(model.responses).hasSize(1);
        assertThat(model.responses.getFirst().orElseThrow()).contains("\"Jordan here. Who is calling?\"");

        reply("r1", "it1", 1_000, "Jordan here. Who is calling?");
        run(1_600);

        Event said = events("utterance").getFirst();
        assertThat(said.data()).containsEntry("speaker", "prospect").containsEntry("turn", 1)
                .containsEntry("text", "Jordan here. Who is calling?").containsEntry("interrupted", false);
        assertThat(farEnd.audioBytes).as("one second of μ-law, re-paced").isBetween(7_900, 8_100);
        assertThat(model.appends).as("40 ms batches of the caller's 20 ms frames").isEqualTo(model.appendedBytes / 320);
        assertThat(pipeline.idle()).isTrue();
    }

    @Test
    void bargeInClearsAndTruncatesAtThePositionTheEchoedMarksProve() {
        reply("r1", "it1", 1_000, "Jordan here. Who is calling?");
        run(1_600);
        int marksBefore = farEnd.playedMarks.size();
        String transcript = "One two three four five six seven eight nine ten.";
        reply("r2", "it2", 2_000, transcript);
        run(730);
        assertThat(farEnd.playedMarks.size() - marksBefore).as("marks every 100 ms of audio, 730 ms into playout")
                .isBetween(5, 7);

        server(new RealtimeEvent.SpeechStarted(2_200, "in1"));

        assertThat(farEnd.clears).isEqualTo(1);
        long expected = 100L * (farEnd.playedMarks.size() - marksBefore);
        assertThat(model.truncates).containsExactly(new FakeRealtime.Truncate("it2", 0, expected));
        assertThat(pipeline.lastTruncateMs()).isEqualTo(expected);
        assertThat(expected).isBetween(400L, 730L);
        Event bargeIn = events("barge_in").getFirst();
        assertThat(bargeIn.data()).containsEntry("turn", 2).containsEntry("heard_ms", expected);
        Event cut = events("utterance").getLast();
        assertThat(cut.data()).containsEntry("speaker", "prospect").containsEntry("interrupted", true)
                .containsEntry("generated_text", transcript);
        String heard = (String) cut.data().get("text");
        assertThat(transcript).startsWith(heard);
        assertThat(heard.length()).isLessThan(transcript.length() * (int) expected / 2_000 + 1);
        assertThat(model.cancels).as("server VAD's interrupt_response already stopped generation").isZero();

        // The echoes of the marks the clear flushed arrive later and change nothing.
        run(200);
        assertThat(model.truncates).hasSize(1);
    }

    @Test
    void theRepsTurnIsLoggedAndTheReplyLatencyMeasuredFromTheLastVoicedAudio() {
        reply("r1", "it1", 500, "Jordan here.");
        long firstCallerFrame = scheduler.now();
        run(1_000);
        run(2_000);
        // The server saw speech from 1.2 s to 2.4 s of its input audio (which began with the call).
        server(new RealtimeEvent.SpeechStarted(1_200, "in1"));
        run(400);
        server(new RealtimeEvent.SpeechStopped(2_400, "in1"), new RealtimeEvent.Committed("in1"));
        run(200);
        long replyStarts = scheduler.now();
        reply("r2", "it2", 500, "What rate are we talking about?");
        run(100);
        server(new RealtimeEvent.InputTranscript("in1", "We can lock your rate today."));
        run(1_000);

        Event rep = events("utterance").stream().filter(e -> e.data().get("speaker").equals("rep")).findFirst().orElseThrow();
        assertThat(rep.data()).containsEntry("turn", 2).containsEntry("text", "We can lock your rate today.")
                .containsEntry("recognised", true);
        long start = (long) rep.data().get("start_ms");
        long end = (long) rep.data().get("end_ms");
        assertThat(end - start).isBetween(1_160L, 1_240L);
        Event latency = events("turn.latency").getFirst();
        assertThat(latency.data()).containsEntry("turn", 3).containsKey("stages").containsKey("server_ms");
        // Input position 2 400 ms is the start of caller frame 120, which arrived 120 frames after the first.
        long lastVoiced = firstCallerFrame + 120 * 20 - 20;
        assertThat(latency.data()).containsEntry("eos_to_first_audio_ms", replyStarts - lastVoiced);
        Event prospect = events("utterance").getLast();
        assertThat(prospect.data()).containsEntry("speaker", "prospect").containsEntry("turn", 3);
    }

    @Test
    void aCurveballNowCutsTheReplyAndAsksForANewOne() {
        reply("r1", "it1", 2_000, "Jordan here, what is this about, and who gave you my number?");
        run(500);

        pipeline.onInjection(new Injection("inj-1", "curveball", "My wife wants two more quotes first.", "now"));
        scheduler.runPending();

        assertThat(model.systemMessages).hasSize(1);
        assertThat(model.systemMessages.getFirst()).contains("My wife wants two more quotes first.");
        assertThat(model.truncates).hasSize(1);
        assertThat(model.responses).hasSize(2);
        assertThat(events("barge_in")).isEmpty();
        server(new RealtimeEvent.ResponseCreated("r2"));
        assertThat(events("injection.applied").getFirst().data()).containsEntry("injection_id", "inj-1")
                .containsEntry("turn", 2);
    }

    @Test
    void aRateLimitedResponseIsRetriedOnceAfterTheHintedWait() {
        server(new RealtimeEvent.ResponseCreated("r1"), new RealtimeEvent.ResponseDone("r1", "failed",
                Optional.of(new RealtimeEvent.ServerError("rate-limited", "rate_limit_exceeded", "try again in 200ms",
                        true, Optional.of(Duration.ofMillis(200))))));
        assertThat(events("provider.error").getFirst().data()).containsEntry("kind", "rate-limited");
        run(180);
        assertThat(model.responses).hasSize(1);
        run(40);
        assertThat(model.responses).hasSize(2);
        assertThat(model.responses.get(1)).isEqualTo(model.responses.get(0));

        reply("r2", "it2", 500, "Jordan here. Who is calling?");
        run(1_000);
        assertThat(events("utterance").getFirst().data()).containsEntry("turn", 1);
    }

    @Test
    void aDropCutsTheReplyAndTheReconnectReplaysTheConversation() {
        reply("r1", "it1", 500, "Jordan here.");
        run(1_000);
        server(new RealtimeEvent.ResponseCreated("r2"), new RealtimeEvent.AudioDelta("r2", "it2", 0, tone(800, 0)));
        run(60);
        model.listener.onError(new dev.sparring.media.pipeline.ProviderException("openai-realtime", "dropped",
                "connection closed by the server", true));
        scheduler.runPending();
        assertThat(events("provider.error").getFirst().data()).containsEntry("kind", "dropped");
        model.sent.clear();

        model.listener.onReconnected();
        scheduler.runPending();

        assertThat(model.sent).startsWith("assistant:Jordan here.").endsWith("response.create");
    }

    @Test
    void stopEndsTheCallAndClosesTheSession() {
        reply("r1", "it1", 1_000, "Jordan here. Who is calling?");
        run(400);
        pipeline.stop("hangup");

        assertThat(model.closed).isTrue();
        assertThat(events.getLast().type()).isEqualTo("call.ended");
        assertThat(events("utterance").getFirst().data()).containsEntry("interrupted", false);
    }

    private static byte[] tone(int bytes, int phase) {
        short[] samples = new short[bytes];
        for (int i = 0; i < bytes; i++) {
            samples[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * (phase + i) / 8_000.0));
        }
        return MuLaw.encode(samples);
    }

    /** Twilio's side: buffers audio, plays it in real time, echoes marks when reached or when cleared. */
    private final class FarEnd implements OutboundTransport {
        private final Deque<Object> buffer = new ArrayDeque<>();
        private double headRemainingMs;
        final List<String> playedMarks = new ArrayList<>();
        int audioBytes;
        int clears;

        @Override
        public void sendAudio(byte[] payload) {
            audioBytes += payload.length;
            buffer.add(payload.length / 8.0);
        }

        @Override
        public void sendMark(String name) {
            buffer.add(name);
        }

        @Override
        public void sendClear() {
            clears++;
            List<String> flushed = new ArrayList<>();
            for (Object item : buffer) {
                if (item instanceof String mark) {
                    flushed.add(mark);
                }
            }
            buffer.clear();
            headRemainingMs = 0;
            flushed.forEach(mark -> scheduler.execute(() -> pipeline.onMarkPlayed(mark)));
        }

        @Override
        public AudioEncoding encoding() {
            return AudioEncoding.MULAW_8K;
        }

        void play(double ms) {
            double budget = ms;
            while (!buffer.isEmpty()) {
                Object head = buffer.peek();
                if (head instanceof String mark) {
                    buffer.poll();
                    playedMarks.add(mark);
                    scheduler.execute(() -> pipeline.onMarkPlayed(mark));
                    continue;
                }
                double remaining = headRemainingMs > 0 ? headRemainingMs : (Double) head;
                if (remaining > budget) {
                    headRemainingMs = remaining - budget;
                    return;
                }
                budget -= remaining;
                headRemainingMs = 0;
                buffer.poll();
            }
        }
    }
}
