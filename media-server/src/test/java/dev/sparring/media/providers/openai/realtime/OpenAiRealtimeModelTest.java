package dev.sparring.media.providers.openai.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.loadtest.audio.SpeechSynthesizer;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeFaults;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulator;
import dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.realtime.SimulatorStats;
import dev.sparring.media.pipeline.AudioEncoding;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty Realtime client against the local simulator speaking the same protocol. */
class OpenAiRealtimeModelTest {
    private static final String KEY = "sk-test-realtime";
    private static final String SCRIPT = "refinance-happy-path";
    private static final String FIRST_LINE = "Hi Jordan, my name is Sam from Harbor Lending. Do you have a minute?";
    private static EventLoopGroup group;
    private static byte[] repSpeech;

    private RealtimeSimulator simulator;
    private SimpleMeterRegistry registry;
    private final RecordingListener listener = new RecordingListener();
    private RealtimeConnection session;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SpeechSynthesizer synthesizer = new SpeechSynthesizer();
        try {
            repSpeech = MuLaw.encode(Resampler.create(16_000, 8_000).process(synthesizer.synthesize(FIRST_LINE).samples()));
        } finally {
            synthesizer.close();
        }
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startSimulator() {
        simulator = RealtimeSimulator.start(RealtimeSimulatorConfig
                .defaults(KEY, Path.of("src/test/resources/fixtures/scripts"))
                .withLatencies(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(5)));
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        simulator.close();
    }

    private RealtimeConnection open(String key, Duration firstAudioTimeout) {
        RealtimeConfig config = RealtimeConfig.defaults(key).withBaseUrl(simulator.baseUrl())
                .withTimings(Duration.ofSeconds(2), firstAudioTimeout, Duration.ofMillis(20), 3);
        SessionSetup setup = new SessionSetup("call-1", "You are Jordan Lee.", "marin", AudioEncoding.MULAW_8K,
                Optional.of(SCRIPT));
        session = new OpenAiRealtimeModel(config, group, NioSocketChannel.class, registry).open(setup, listener);
        return session;
    }

    private RealtimeConnection open() {
        return open(KEY, Duration.ofSeconds(5));
    }

    private void awaitSessionUpdated(int times) {
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.all(RealtimeEvent.SessionReady.class).stream()
                .filter(s -> s.type().equals("session.updated")).count() >= times);
    }

    private List<RealtimeEvent.ResponseDone> dones() {
        return listener.all(RealtimeEvent.ResponseDone.class);
    }

    @Test
    void aGreetingThenTheRepsTurnThenTheAutomaticAnswer() throws Exception {
        open();
        session.createResponse(Optional.of(RealtimeCallPipeline.greeting("Jordan here. Who is calling?")));
        awaitSessionUpdated(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !dones().isEmpty());

        assertThat(dones().getFirst().status()).isEqualTo("completed");
        assertThat(listener.all(RealtimeEvent.TranscriptDone.class).getFirst().transcript())
                .isEqualTo("Jordan here. Who is calling?");
        int audioBytes = listener.all(RealtimeEvent.AudioDelta.class).stream().mapToInt(d -> d.audio().length).sum();
        assertThat(audioBytes).as("μ-law 8 kHz speech, about a second and a half").isBetween(8_000, 40_000);
        var sent = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(simulator.stats().lastSessionUpdate().orElseThrow()));
        assertThat(sent.at("/audio/input/format/type").asText()).isEqualTo("audio/pcmu");
        assertThat(sent.at("/tracing/metadata/script").asText()).isEqualTo(SCRIPT);

        // The rep speaks (real speech, sent in 40 ms batches like the pipeline does), then is silent.
        byte[] silence = new byte[8_000];
        Arrays.fill(silence, MuLaw.SILENCE);
        sendInBatches(silence);
        sendInBatches(repSpeech);
        sendInBatches(silence);
        sendInBatches(silence);

        await().atMost(Duration.ofSeconds(10)).until(() -> dones().size() >= 2);
        RealtimeEvent.SpeechStarted started = listener.all(RealtimeEvent.SpeechStarted.class).getFirst();
        RealtimeEvent.SpeechStopped stopped = listener.all(RealtimeEvent.SpeechStopped.class).getFirst();
        assertThat(started.itemId()).isEqualTo(stopped.itemId());
        assertThat(started.audioStartMs()).as("speech began after the first second of silence, minus padding")
                .isBetween(500L, 1_100L);
        assertThat(stopped.audioEndMs() - started.audioStartMs()).isBetween(2_000L, 6_000L);
        assertThat(listener.all(RealtimeEvent.Committed.class).getFirst().itemId()).isEqualTo(started.itemId());
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.all(RealtimeEvent.InputTranscript.class).isEmpty());
        assertThat(listener.all(RealtimeEvent.InputTranscript.class).getFirst().transcript()).isEqualTo(FIRST_LINE);
        assertThat(dones().get(1).status()).isEqualTo("completed");
        assertThat(simulator.stats().appendMessages()).isEqualTo(simulator.stats().appendedBytes() / 320);
        assertThat(registry.get("sparring.provider.ttfb").tag("provider", "openai-realtime").timer().count()).isEqualTo(2);
        assertThat(listener.errors).isEmpty();
    }

    private void sendInBatches(byte[] audio) {
        for (int i = 0; i + 320 <= audio.length; i += 320) {
            session.appendAudio(Arrays.copyOfRange(audio, i, i + 320));
        }
    }

    @Test
    void truncateIsRecordedWithTheExactAudioEnd() {
        open();
        session.createResponse(Optional.of("Say \"One two three four five six seven eight.\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> !dones().isEmpty());
        String item = listener.all(RealtimeEvent.AudioDelta.class).getFirst().itemId();

        session.truncate(item, 0, 640);

        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.all(RealtimeEvent.Truncated.class).isEmpty());
        assertThat(listener.all(RealtimeEvent.Truncated.class).getFirst())
                .isEqualTo(new RealtimeEvent.Truncated(item, 0, 640));
        assertThat(simulator.stats().truncations()).containsExactly(new SimulatorStats.Truncation(item, 0, 640));
    }

    @Test
    void cancellingMidReplyStopsTheAudio() {
        simulator.faults(RealtimeFaults.none());
        open();
        session.createResponse(Optional.of("Say \"This is a long answer that keeps going for quite a while, on and on.\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.all(RealtimeEvent.AudioDelta.class).isEmpty());

        session.cancelResponse();

        await().atMost(Duration.ofSeconds(30)).until(() -> !dones().isEmpty());
        assertThat(dones().getFirst().status()).isEqualTo("cancelled");
        assertThat(simulator.stats().cancels()).isEqualTo(1);
        assertThat(simulator.stats().responsesCompleted()).isZero();
    }

    @Test
    void aWrongKeyIsAnAuthFailureThatEndsTheSession() {
        open("sk-wrong", Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errorKinds()).containsExactly("auth");
        assertThat(listener.errors.peek().retryable()).isFalse();
        assertThat(simulator.stats().upgradeStatuses()).containsExactly(401);
        assertThat(registry.get("sparring.provider.failures").tag("kind", "auth").counter().count()).isEqualTo(1);
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheWait() {
        simulator.faults(RealtimeFaults.reject(429, 1, 1));
        open();
        session.createResponse(Optional.of("Say \"Hello there.\""));

        awaitSessionUpdated(1);
        assertThat(listener.errorKinds()).containsExactly("rate-limited");
        assertThat(simulator.stats().upgradeStatuses()).containsExactly(429, 101);
        await().atMost(Duration.ofSeconds(10)).until(() -> !dones().isEmpty());
        assertThat(dones().getFirst().status()).as("what was asked while waiting is sent once connected")
                .isEqualTo("completed");
        assertThat(listener.reconnects.get()).isZero();
    }

    @Test
    void aRateLimitedResponseFailsWithTheHintedWait() {
        simulator.faults(RealtimeFaults.rateLimited(1));
        open();
        session.createResponse(Optional.empty());

        await().atMost(Duration.ofSeconds(30)).until(() -> !dones().isEmpty());
        RealtimeEvent.ResponseDone done = dones().getFirst();
        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.error().orElseThrow().kind()).isEqualTo("rate-limited");
        assertThat(done.error().orElseThrow().retryAfter()).contains(Duration.ofMillis(200));
        assertThat(registry.get("sparring.provider.failures").tag("kind", "rate-limited").counter().count()).isEqualTo(1);
    }

    @Test
    void aSlowFirstAudioIsCancelledAfterTheTimeout() {
        simulator.faults(RealtimeFaults.slowFirstAudio(Duration.ofSeconds(3), 1));
        open(KEY, Duration.ofMillis(300));
        session.createResponse(Optional.of("Say \"Hello there.\""));

        await().atMost(Duration.ofSeconds(30)).until(() -> !dones().isEmpty());
        assertThat(listener.errorKinds()).containsExactly("timeout");
        assertThat(dones().getFirst().status()).isEqualTo("cancelled");
        assertThat(simulator.stats().cancels()).isEqualTo(1);
        assertThat(listener.all(RealtimeEvent.AudioDelta.class)).isEmpty();
    }

    @Test
    void aSlowFirstAudioWithinTheTimeoutIsMeasured() {
        simulator.faults(RealtimeFaults.slowFirstAudio(Duration.ofMillis(300), 1));
        open();
        session.createResponse(Optional.of("Say \"Hello there.\""));

        await().atMost(Duration.ofSeconds(10)).until(() -> !dones().isEmpty());
        assertThat(dones().getFirst().status()).isEqualTo("completed");
        assertThat(registry.get("sparring.provider.ttfb").tag("provider", "openai-realtime").timer()
                .max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aDropMidResponseReconnectsWithAFreshSession() {
        simulator.faults(RealtimeFaults.dropAfter(2, 1));
        open();
        session.createResponse(Optional.of("Say \"This answer will be cut off by the network somewhere.\""));

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.reconnects.get() == 1);
        awaitSessionUpdated(2);
        assertThat(listener.errorKinds()).containsExactly("dropped");
        assertThat(listener.all(RealtimeEvent.AudioDelta.class)).hasSize(2);
        assertThat(simulator.stats().upgradeStatuses()).containsExactly(101, 101);

        session.createResponse(Optional.of("Say \"Back again.\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> !dones().isEmpty());
        assertThat(dones().getFirst().status()).isEqualTo("completed");
    }

    @Test
    void aMalformedMessageIsReportedAndTheSessionGoesOn() {
        simulator.faults(RealtimeFaults.malformedAt(2));
        open();

        awaitSessionUpdated(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errorKinds()).containsExactly("protocol");
        session.createResponse(Optional.of("Say \"Still here.\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> !dones().isEmpty());
        assertThat(dones().getFirst().status()).isEqualTo("completed");
    }
}
