package dev.sparring.media.providers.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulator;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulatorConfig;
import dev.sparring.loadtest.simulators.elevenlabs.SimulatorStats;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The multi-stream-input client against the local ElevenLabs simulator, which speaks the protocol of
 * https://elevenlabs.io/docs/api-reference/text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input
 * with real FreeTTS audio.
 */
class ElevenLabsSessionTest {
    private static final String KEY = "sk-test-elevenlabs";
    private static final String LINE = "Honestly, I am not sure this fits our budget this quarter.";
    private static ElevenLabsSimulator simulator;
    private static EventLoopGroup group;
    private SimpleMeterRegistry registry;

    @BeforeAll
    static void start() {
        simulator = ElevenLabsSimulator.start(ElevenLabsSimulatorConfig.defaults(KEY)
                .withFirstAudioLatency(Duration.ofMillis(20)).withChunks(100, Duration.ofMillis(5)));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        simulator.close();
    }

    @BeforeEach
    void resetFaults() {
        simulator.faults().reset();
        registry = new SimpleMeterRegistry();
    }

    private ElevenLabsConfig config() {
        return ElevenLabsConfig.defaults(KEY).withBaseUrl(simulator.baseUrl())
                .withRetries(2, Duration.ofMillis(20), Duration.ofSeconds(2));
    }

    private ElevenLabsTextToSpeech tts(ElevenLabsConfig config) {
        return new ElevenLabsTextToSpeech(config, registry, group, NioSocketChannel.class);
    }

    private static RecordingListener speak(ElevenLabsSession session, String text) {
        RecordingListener listener = new RecordingListener();
        session.synthesize(text, "default", listener);
        await().atMost(Duration.ofSeconds(10)).until(listener::ended);
        return listener;
    }

    private static String joined(List<TimedWord> words) {
        return words.stream().map(TimedWord::text).collect(Collectors.joining(" "));
    }

    @Test
    void speaksALineAsMuLawWithWordTimings() {
        SimulatorStats stats = simulator.stats();
        try (ElevenLabsSession session = tts(config()).openSession()) {
            RecordingListener l = speak(session, LINE);

            assertThat(l.error()).isEmpty();
            assertThat(l.complete()).isTrue();
            assertThat(session.outputEncoding()).isEqualTo(AudioEncoding.MULAW_8K);
            assertThat(AudioEncoding.MULAW_8K.millisOf(l.audio().length)).isGreaterThan(1500);
            assertThat(joined(l.words())).isEqualTo(LINE);
            List<TimedWord> words = l.words();
            for (int i = 1; i < words.size(); i++) {
                assertThat(words.get(i).startMs()).isGreaterThanOrEqualTo(words.get(i - 1).endMs());
            }
            assertThat(words.getLast().endMs()).isLessThanOrEqualTo(Math.round(AudioEncoding.MULAW_8K.millisOf(l.audio().length)));
            assertThat(WordTimings.heardText(words, words.get(2).startMs() + 1)).isEqualTo("Honestly, I am");
        }
        assertThat(stats.lastQuery()).containsEntry("output_format", "ulaw_8000")
                .containsEntry("model_id", "eleven_flash_v2_5").containsEntry("inactivity_timeout", "20")
                .containsEntry("sync_alignment", "true");
        assertThat(stats.lastContextInit()).hasValueSatisfying(init -> assertThat(init)
                .contains("\"voice_settings\"").contains("\"similarity_boost\":0.75").contains("chunk_length_schedule"));
        assertThat(registry.get("sparring.provider.ttfb").tag("provider", "elevenlabs").timer().count()).isEqualTo(1);
        assertThat(registry.get("sparring.provider.duration").tag("provider", "elevenlabs").timer().count()).isEqualTo(1);
    }

    @Test
    void speaksPcm16WithWholeSamples() {
        ElevenLabsTextToSpeech tts = tts(config().withOutputFormat(OutputFormat.PCM_16000));
        try (ElevenLabsSession session = tts.openSession()) {
            RecordingListener l = speak(session, "Send me the proposal.");
            assertThat(l.complete()).isTrue();
            assertThat(tts.outputEncoding()).isEqualTo(AudioEncoding.PCM16_16K);
            assertThat(l.audio().length % 2).isZero();
            assertThat(AudioEncoding.PCM16_16K.millisOf(l.audio().length)).isGreaterThan(500);
            assertThat(simulator.stats().lastQuery()).containsEntry("output_format", "pcm_16000");
        }
    }

    @Test
    void streamsOneTurnIntoOneContextAndFlushesAtTheEnd() {
        int flushes = simulator.stats().flushes();
        try (ElevenLabsSession session = tts(config()).openSession()) {
            RecordingListener l = new RecordingListener();
            TurnStream turn = session.startTurn("default", l);
            turn.append("We already have a vendor");
            turn.append(", and switching costs money.");
            turn.finish();
            await().atMost(Duration.ofSeconds(10)).until(l::ended);

            assertThat(l.complete()).isTrue();
            assertThat(turn.contextId()).isNotBlank();
            assertThat(joined(l.words())).isEqualTo("We already have a vendor , and switching costs money.");
        }
        assertThat(simulator.stats().flushes() - flushes).isEqualTo(1);
    }

    @Test
    void moreRepliesThanContextsWaitForAFreeContext() {
        try (ElevenLabsSession session = tts(config()).openSession()) {
            List<RecordingListener> listeners = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RecordingListener l = new RecordingListener();
                listeners.add(l);
                session.synthesize("Clause number " + i + ".", "default", l);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> listeners.stream().allMatch(RecordingListener::ended));
            assertThat(listeners).allSatisfy(l -> assertThat(l.complete()).isTrue());
        }
    }

    @Test
    void aRefusedKeyFailsWithAuthNotRetryable() {
        ElevenLabsConfig wrong = new ElevenLabsConfig("sk-wrong", simulator.baseUrl(), "voice", "eleven_flash_v2_5",
                OutputFormat.ULAW_8000, VoiceSettings.DEFAULT, ElevenLabsConfig.DEFAULT_CHUNK_LENGTH_SCHEDULE,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(15), 5, 2,
                Duration.ofMillis(20), Duration.ofSeconds(2));
        try (ElevenLabsSession session = tts(wrong).openSession()) {
            RecordingListener l = speak(session, "Hello.");
            assertThat(l.error()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo("auth");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("401").doesNotContain("sk-wrong");
            });
        }
        assertThat(registry.get("sparring.provider.failures").tag("kind", "auth").counter().count()).isEqualTo(1);
    }

    @Test
    void aShortRetryAfterIsWaitedOutAndRetried() {
        int refused = simulator.stats().refused();
        simulator.faults().rateLimitNext(1, 1);
        try (ElevenLabsSession session = tts(config()).openSession()) {
            RecordingListener l = speak(session, "Fine, go on.");
            assertThat(l.complete()).isTrue();
        }
        assertThat(simulator.stats().refused() - refused).isEqualTo(1);
    }

    @Test
    void aLongRetryAfterFailsRetryable() {
        simulator.faults().rateLimitNext(1, 30);
        try (ElevenLabsSession session = tts(config()).openSession()) {
            RecordingListener l = speak(session, "Fine, go on.");
            assertThat(l.error()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo("rate_limited");
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("retry after 30 s");
            });
        }
    }

    @Test
    void aSlowFirstByteWithinTheTimeoutStillSpeaks() {
        simulator.faults().slowFirstAudio(Duration.ofMillis(300));
        try (ElevenLabsSession session = tts(config().withFirstAudioTimeout(Duration.ofSeconds(3))).openSession()) {
            assertThat(speak(session, "Give me a second.").complete()).isTrue();
        }
    }

    @Test
    void noFirstAudioWithinTheTimeoutFailsAndClosesTheContext() {
        int closed = simulator.stats().contextsClosed();
        simulator.faults().slowFirstAudio(Duration.ofSeconds(5));
        try (ElevenLabsSession session = tts(config().withFirstAudioTimeout(Duration.ofMillis(200))).openSession()) {
            RecordingListener l = speak(session, "Give me a second.");
            assertThat(l.error()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo("timeout");
                assertThat(e.retryable()).isTrue();
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.stats().contextsClosed() > closed);
        }
    }

    @Test
    void aConnectionDroppedMidReplyFailsThatReplyAndTheNextReplyReconnects() {
        int connections = simulator.stats().connections();
        simulator.faults().dropAfterChunks(1);
        try (ElevenLabsSession session = tts(config()).openSession()) {
            RecordingListener cut = speak(session, LINE);
            assertThat(cut.chunks()).isGreaterThanOrEqualTo(1);
            assertThat(cut.error()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo("connection");
                assertThat(e.retryable()).isTrue();
            });
            assertThat(speak(session, "Sorry, you cut out.").complete()).isTrue();
        }
        assertThat(simulator.stats().connections() - connections).isEqualTo(2);
    }

    @Test
    void aMalformedMessageFailsTheReplyAndKeepsTheSocket() {
        int connections = simulator.stats().connections();
        simulator.faults().malformedAfterChunks(1);
        try (ElevenLabsSession session = tts(config()).openSession()) {
            RecordingListener bad = speak(session, LINE);
            assertThat(bad.error()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo("protocol"));
            assertThat(speak(session, "Let us try again.").complete()).isTrue();
        }
        assertThat(simulator.stats().connections() - connections).isEqualTo(1);
    }

    @Test
    void cancellingMidReplyClosesTheContextButNotTheSocket() {
        int connections = simulator.stats().connections();
        int closed = simulator.stats().contextsClosed();
        try (ElevenLabsSession session = tts(config()).openSession()) {
            AtomicReference<TurnStream> turn = new AtomicReference<>();
            RecordingListener l = new RecordingListener(first -> turn.get().cancel());
            turn.set(session.startTurn("default", l));
            turn.get().append(LINE + " " + LINE);
            turn.get().finish();
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().contextsClosed() > closed);
            // The next turn on the same socket completes; the cancelled one never does.
            assertThat(speak(session, "Go ahead.").complete()).isTrue();
            assertThat(l.ended()).isFalse();
            assertThat(AudioEncoding.MULAW_8K.millisOf(l.audio().length)).isLessThan(2000);
        }
        assertThat(simulator.stats().connections() - connections).isEqualTo(1);
    }

    @Test
    void keepAlivesHoldAnIdleSocketOpenPastTheInactivityTimeout() {
        int connections = simulator.stats().connections();
        int inactivity = simulator.stats().inactivityCloses();
        ElevenLabsConfig config = config().withKeepAlive(Duration.ofSeconds(1), Duration.ofMillis(300));
        try (ElevenLabsSession session = tts(config).openSession()) {
            assertThat(speak(session, "One.").complete()).isTrue();
            int keepAlives = simulator.stats().keepAlives();
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().keepAlives() - keepAlives >= 5);
            assertThat(speak(session, "Two.").complete()).isTrue();
        }
        assertThat(simulator.stats().inactivityCloses()).isEqualTo(inactivity);
        assertThat(simulator.stats().connections() - connections).isEqualTo(1);
    }

    @Test
    void theOneShotFactoryPathSpeaksAndClosesItsSession() {
        int open = simulator.stats().openSockets();
        RecordingListener l = new RecordingListener();
        tts(config()).synthesize("Okay.", "default", l);
        await().atMost(Duration.ofSeconds(30)).until(l::ended);
        assertThat(l.complete()).isTrue();
        // Sockets of earlier tests may still be closing, so the count may also fall below where it was.
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.stats().openSockets() <= open);
    }

    @Test
    void aClosedSessionRefusesNewTurns() {
        ElevenLabsSession session = tts(config()).openSession();
        session.close();
        RecordingListener l = speak(session, "Too late.");
        assertThat(l.error()).map(ProviderException::kind).hasValue("closed");
    }
}
