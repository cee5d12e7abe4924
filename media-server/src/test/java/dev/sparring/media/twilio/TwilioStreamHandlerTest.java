package dev.sparring.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.call.CallServices;
import dev.sparring.media.controlplane.ControlPlaneClient;
import dev.sparring.media.controlplane.FakeControlPlane;
import dev.sparring.media.controlplane.SessionTokenVerifier;
import dev.sparring.media.controlplane.TestTokens;
import dev.sparring.media.eventlog.EventShipper;
import dev.sparring.media.pipeline.Injection;
import dev.sparring.media.server.CallRegistry;
import dev.sparring.media.server.ServerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwilioStreamHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path outbox;
    FakeControlPlane cp;
    EventShipper shipper;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AtomicReference<Instant> now = new AtomicReference<>(NOW);
    Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    CallRegistry registry;
    ServerMetrics metrics;
    SessionTokenVerifier verifier;
    List<RecordingPipeline> pipelines = new CopyOnWriteArrayList<>();
    Function<String, CompletableFuture<JsonNode>> sessions =
            id -> CompletableFuture.completedFuture(FakeControlPlane.session(id, "org-1"));
    Duration maxDuration = Duration.ofMinutes(30);
    Duration silence = Duration.ofSeconds(60);
    int startupBuffer = 100;
    List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cp = new FakeControlPlane("k");
        shipper = new EventShipper(new ControlPlaneClient(cp.url(), "k", Duration.ofSeconds(2)), clock, "ms-1",
                "http://127.0.0.1:8081", Duration.ofMillis(100), Duration.ofSeconds(1), outbox, 1 << 20, meters);
        registry = new CallRegistry(1);
        metrics = new ServerMetrics(meters, registry);
        verifier = new SessionTokenVerifier(TestTokens.KEY, clock);
    }

    @AfterEach
    void tearDown() {
        shipper.close();
        cp.close();
    }

    EmbeddedChannel channel() {
        CallServices services = new CallServices(verifier, sessions::apply, ctx -> {
            RecordingPipeline p = new RecordingPipeline(ctx);
            pipelines.add(p);
            return p;
        }, shipper, registry, metrics, clock, maxDuration, silence, startupBuffer);
        EmbeddedChannel ch = new EmbeddedChannel(new MediaStreamsDecoder(), new MediaStreamsEncoder(), new TwilioStreamHandler(services));
        channels.add(ch);
        return ch;
    }

    static void send(EmbeddedChannel ch, String json) {
        ch.writeInbound(new TextWebSocketFrame(json));
        ch.runPendingTasks();
    }

    static String token(String callId) {
        return TestTokens.mint(callId, "org-1", NOW.plusSeconds(300));
    }

    /** Reads every outbound frame: text frames as JSON, the close frame as "close:<code>:<reason>". */
    static List<String> outbound(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            WebSocketFrame frame = (WebSocketFrame) o;
            if (frame instanceof CloseWebSocketFrame close) {
                out.add("close:" + close.statusCode() + ":" + close.reasonText());
            } else {
                out.add(((TextWebSocketFrame) frame).text());
            }
            frame.release();
        }
        return out;
    }

    double rejected(String reason) {
        return meters.counter("sparring_rejected_messages", "reason", reason).count();
    }

    @Test
    void runsACallFromConnectedToStop() throws Exception {
        EmbeddedChannel ch = channel();
        send(ch, TwilioFixtures.connected());
        send(ch, TwilioFixtures.start(token("call-1")));
        assertThat(pipelines).hasSize(1);
        RecordingPipeline p = pipelines.get(0);
        assertThat(p.ctx.callId()).isEqualTo("call-1");
        assertThat(p.ctx.orgId()).isEqualTo("org-1");
        assertThat(p.ctx.session().persona().name()).isEqualTo("Dana Whitfield");
        assertThat(p.ctx.executor()).isSameAs(ch.eventLoop());

        send(ch, TwilioFixtures.media(2, 1, new byte[160]));
        send(ch, TwilioFixtures.media(3, 2, new byte[160]));
        send(ch, TwilioFixtures.media(4, 4, new byte[160]));   // chunk 3 missing
        send(ch, TwilioFixtures.media(5, 3, new byte[160]));   // arrives late: dropped
        send(ch, TwilioFixtures.dtmf(6, "5"));
        send(ch, TwilioFixtures.mark(7, "greeting"));
        registry.find("call-1").orElseThrow().inject(new Injection("inj-1", "curveball", "CFO wants quotes", "now"));
        ch.runPendingTasks();
        send(ch, TwilioFixtures.stop(8));

        assertThat(p.calls).containsExactly("start", "audio:160", "audio:160", "audio:160", "dtmf:5", "mark:greeting",
                "injection:curveball:CFO wants quotes", "stop:hangup");
        assertThat(meters.counter("sparring_inbound_frames_missing").count()).isEqualTo(1);
        assertThat(meters.counter("sparring_inbound_frames_late").count()).isEqualTo(1);
        assertThat(meters.counter("sparring_frames_in").count()).isEqualTo(4);
        assertThat(meters.counter("sparring_frames_out").count()).isEqualTo(1);

        List<String> out = outbound(ch);
        assertThat(out).hasSize(4);
        JsonNode media = JSON.readTree(out.get(0));
        assertThat(media.path("event").asText()).isEqualTo("media");
        assertThat(media.path("streamSid").asText()).isEqualTo(TwilioFixtures.STREAM);
        assertThat(media.path("media").path("payload").asText()).isEqualTo("/38A");
        assertThat(JSON.readTree(out.get(1)).path("mark").path("name").asText()).isEqualTo("greeting");
        assertThat(JSON.readTree(out.get(2)).path("event").asText()).isEqualTo("clear");
        assertThat(out.get(3)).isEqualTo("close:1000:stream stopped");
        assertThat(registry.size()).isZero();

        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
        JsonNode live = cp.stored.get("call-1#1");
        assertThat(live.path("type").asText()).isEqualTo("call.live");
        assertThat(live.path("data").path("stream_sid").asText()).isEqualTo(TwilioFixtures.STREAM);
        assertThat(live.path("data").path("call_sid").asText()).isEqualTo(TwilioFixtures.CALL_SID);
        assertThat(cp.stored.get("call-1#2").path("type").asText()).isEqualTo("call.ended");
        assertThat(cp.completedCallIds).containsExactly("call-1");
        assertThat(cp.completions.get(0).path("last_seq").asLong()).isEqualTo(2);
        assertFalse(ch.finish());
    }

    @Test
    void buffersMediaUntilTheSessionArrivesAndDropsTheOldestBeyondTheBuffer() {
        CompletableFuture<JsonNode> pending = new CompletableFuture<>();
        sessions = id -> pending;
        startupBuffer = 2;
        EmbeddedChannel ch = channel();
        send(ch, TwilioFixtures.connected());
        send(ch, TwilioFixtures.start(token("call-2")));
        send(ch, TwilioFixtures.media(2, 1, new byte[] {1}));
        send(ch, TwilioFixtures.dtmf(3, "9"));
        send(ch, TwilioFixtures.media(4, 2, new byte[] {2}));
        send(ch, TwilioFixtures.media(5, 3, new byte[] {3}));
        assertThat(pipelines).isEmpty();

        pending.complete(FakeControlPlane.session("call-2", "org-1"));
        ch.runPendingTasks();

        RecordingPipeline p = pipelines.get(0);
        assertThat(p.calls).containsExactly("start", "dtmf:9", "audio:1", "audio:1");
        assertThat(p.audio).extracting(a -> a[0]).containsExactly((byte) 2, (byte) 3);
        assertThat(meters.counter("sparring_inbound_frames_dropped_at_startup").count()).isEqualTo(1);
        outbound(ch);
        ch.close();
        assertThat(p.calls).last().isEqualTo("stop:hangup");
        assertFalse(ch.finish());
    }

    @Test
    void refusesEachInvalidMessagePrecisely() {
        assertRefused(List.of("{oops"), "malformed-json", 1007);
        assertRefused(List.of(TwilioFixtures.connected(), "{\"event\":\"hello\"}"), "unknown-event", 1002);
        assertRefused(List.of(TwilioFixtures.media(1, 1, new byte[1])), "media-before-start", 1002);
        assertRefused(List.of(TwilioFixtures.dtmf(1, "1")), "message-before-start", 1002);
        assertRefused(List.of(TwilioFixtures.connected(), TwilioFixtures.connected()), "unexpected-connected", 1002);
        assertRefused(List.of(TwilioFixtures.start(TwilioFixtures.STREAM, token("c-fmt"), "audio/l16")), "unsupported-media-format", 1003);
        assertRefused(List.of(TwilioFixtures.start(token("c-b64")), TwilioFixtures.media(TwilioFixtures.STREAM, 2, 1, "@@@")),
                "bad-base64", 1007);
        assertRefused(List.of(TwilioFixtures.start(token("c-sid")), TwilioFixtures.media("MZother", 2, 1, "AAAA")),
                "wrong-stream-sid", 1002);
        assertRefused(List.of(TwilioFixtures.start(token("c-two")), TwilioFixtures.start(token("c-two2"))), "second-start", 1002);
        // The calls refused mid-stream were live: they end with reason error.
        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(cp.completedCallIds).containsExactlyInAnyOrder("c-b64", "c-sid", "c-two");
        assertThat(cp.completions).allSatisfy(c -> assertThat(c.path("reason").asText()).isEqualTo("error"));
    }

    @Test
    void refusesMissingForgedExpiredReusedAndWrongChannelTokens() {
        assertRefused(List.of(TwilioFixtures.start("")), "token-missing", 1008);
        assertRefused(List.of(TwilioFixtures.start(TestTokens.mint("other-key-other-key-other-key-xx".getBytes(), "c1", "org-1",
                "twilio", NOW.plusSeconds(60), "j1"))), "token-forged", 1008);
        assertRefused(List.of(TwilioFixtures.start(TestTokens.mint("c2", "org-1", NOW))), "token-expired", 1008);
        assertRefused(List.of(TwilioFixtures.start(TestTokens.mint(TestTokens.KEY, "c3", "org-1", "webrtc", NOW.plusSeconds(60), "j3"))),
                "token-channel", 1008);
        String once = token("c4");
        EmbeddedChannel first = channel();
        send(first, TwilioFixtures.start(once));
        send(first, TwilioFixtures.stop(2));
        outbound(first);
        assertRefused(List.of(TwilioFixtures.start(once)), "token-reused", 1008);
        assertFalse(first.finish());
    }

    @Test
    void refusesAStartBeyondTheOrganisationsLimitAndCompletesItAsRejected() {
        EmbeddedChannel first = channel();
        send(first, TwilioFixtures.start(token("call-a")));
        assertThat(registry.sizeOf("org-1")).isEqualTo(1);

        assertRefused(List.of(TwilioFixtures.start(token("call-b"))), "org-concurrency-limit", 1013);
        assertThat(meters.counter("sparring_rejected_messages", "reason", "org-concurrency-limit").count()).isEqualTo(1);
        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(cp.completedCallIds).containsExactly("call-b");
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("rejected");

        // The first call is unaffected.
        send(first, TwilioFixtures.media(2, 1, new byte[160]));
        assertThat(pipelines.get(0).calls).containsExactly("start", "audio:160");
        outbound(first);
        first.close();
        assertFalse(first.finish());
    }

    @Test
    void refusesNewStreamsWhileDraining() {
        registry.startDraining();
        assertRefused(List.of(TwilioFixtures.start(token("call-d"))), "draining", 1013);
    }

    @Test
    void endsTheCallWhenTheSessionCannotBeFetched() {
        sessions = id -> CompletableFuture.failedFuture(new IllegalStateException("503"));
        assertRefusedWithoutCounter(List.of(TwilioFixtures.start(token("call-s"))), "close:1011:session-unavailable");
        assertThat(rejected("session-unavailable")).isEqualTo(1);
        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("error");
        assertThat(registry.size()).isZero();
    }

    @Test
    void aFailingPipelineEndsOnlyItsOwnCall() {
        EmbeddedChannel ch = channel();
        send(ch, TwilioFixtures.start(token("call-f")));
        pipelines.get(0).failOnAudio = new IllegalStateException("boom");
        send(ch, TwilioFixtures.media(2, 1, new byte[160]));
        assertThat(outbound(ch)).last().isEqualTo("close:1011:pipeline-error");
        assertThat(pipelines.get(0).calls).last().isEqualTo("stop:error");
        assertFalse(ch.finish());
    }

    @Test
    void stopsTheCallAtTheMaximumDuration() {
        maxDuration = Duration.ofSeconds(5);
        EmbeddedChannel ch = channel();
        ch.freezeTime();
        send(ch, TwilioFixtures.start(token("call-m")));
        ch.advanceTimeBy(5, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(pipelines.get(0).calls).last().isEqualTo("stop:max-duration");
        assertThat(outbound(ch)).last().isEqualTo("close:1000:max-duration");
        assertFalse(ch.finish());
    }

    @Test
    void stopsTheCallAfterTheSilenceTimeoutWhileThePipelineIsIdle() {
        silence = Duration.ofSeconds(8);
        EmbeddedChannel ch = channel();
        ch.freezeTime();
        send(ch, TwilioFixtures.start(token("call-q")));
        RecordingPipeline p = pipelines.get(0);
        // Busy: the silence clock does not run.
        for (int i = 0; i < 12; i++) {
            tick(ch);
        }
        assertThat(p.calls).doesNotContain("stop:silence-timeout");
        p.idle = true;
        for (int i = 0; i < 4; i++) {
            tick(ch);
        }
        assertThat(p.calls).doesNotContain("stop:silence-timeout");
        for (int i = 0; i < 5; i++) {
            tick(ch);
        }
        assertThat(p.calls).last().isEqualTo("stop:silence-timeout");
        assertThat(outbound(ch)).last().isEqualTo("close:1000:silence-timeout");
        assertFalse(ch.finish());
    }

    @Test
    void drainStopEndsTheCallWithGoingAway() {
        EmbeddedChannel ch = channel();
        send(ch, TwilioFixtures.start(token("call-dr")));
        registry.find("call-dr").orElseThrow().stop("drain");
        ch.runPendingTasks();
        assertThat(pipelines.get(0).calls).last().isEqualTo("stop:drain");
        assertThat(outbound(ch)).last().isEqualTo("close:1001:drain");
        assertFalse(ch.finish());
    }

    /** One silence-check period (2 s for an 8 s timeout) on both the event loop and the injected clock. */
    void tick(EmbeddedChannel ch) {
        now.updateAndGet(i -> i.plusSeconds(2));
        ch.advanceTimeBy(2, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    void assertRefused(List<String> messages, String reason, int code) {
        double before = rejected(reason);
        assertRefusedWithoutCounter(messages, "close:" + code + ":" + reason);
        assertThat(rejected(reason)).isEqualTo(before + 1);
    }

    void assertRefusedWithoutCounter(List<String> messages, String expectedClose) {
        EmbeddedChannel ch = channel();
        for (String m : messages) {
            send(ch, m);
        }
        assertThat(outbound(ch)).last().isEqualTo(expectedClose);
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }
}
