package dev.sparring.media.providers.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.loadtest.audio.RepAudioLibrary;
import dev.sparring.loadtest.simulators.deepgram.DeepgramFaults;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulator;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulatorConfig;
import dev.sparring.loadtest.simulators.deepgram.SimulatorStats;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.SpeechToText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deepgram client against the Deepgram simulator (the exact {@code /v1/listen} protocol), with
 * real speech (FreeTTS) sent as μ-law 8 kHz: transcripts, end of speech, 401, 429 with
 * Retry-After, a slow upgrade, drops mid-utterance (with replay and the call clock kept), a
 * malformed message, Finalize and CloseStream mid-utterance, and KeepAlive.
 */
class DeepgramSpeechToTextTest {
    private static final String KEY = "dg-test-key";
    private static final String LINE_1 = "Hi Sam, this is Alex from Acme. Do you have a minute?";
    private static final String LINE_2 = "Great. I wanted to ask how your team onboards new customers today.";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path scripts;
    static RepAudioLibrary audio;
    static DeepgramSimulator simulator;
    static EventLoopGroup group;
    static byte[] speech1;
    static byte[] speech2;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final String call = "call-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(scripts.resolve("discovery.yaml"), """
                name: discovery
                scenario: test
                rep:
                  - say: "%s"
                  - say: "%s"
                """.formatted(LINE_1, LINE_2));
        audio = new RepAudioLibrary();
        speech1 = audio.spoken(LINE_1).mulaw();
        speech2 = audio.spoken(LINE_2).mulaw();
        simulator = DeepgramSimulator.start(DeepgramSimulatorConfig.defaults(KEY, scripts)
                .withFinalLatency(Duration.ofMillis(20)));
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        simulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        audio.close();
    }

    @AfterEach
    void healthy() {
        simulator.faults(DeepgramFaults.none());
    }

    @Test
    void transcribesPhoneAudioSentAsMulawAndSignalsEndOfSpeech() {
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(500), speech1, silence(1000));
        await().atMost(WAIT).until(() -> events.ends.get() == 1);

        assertThat(events.finals).containsExactly(LINE_1);
        assertThat(events.interims).isNotEmpty().allSatisfy(text -> assertThat(LINE_1).startsWith(text));
        assertThat(events.errors).isEmpty();
        DeepgramListener.RecognisedSpeech last = events.finalSpeech().getLast();
        assertThat(last.start()).isBetween(Duration.ofMillis(400), Duration.ofMillis(900));
        assertThat(last.words()).hasSize(LINE_1.split(" ").length);
        assertThat(events.speechStarts).hasSize(1);

        SimulatorStats.Upgrade upgrade = upgradesOf(call).getFirst();
        assertThat(upgrade.parameters()).containsEntry("model", List.of("nova-3"))
                .containsEntry("language", List.of("en-US")).containsEntry("encoding", List.of("mulaw"))
                .containsEntry("sample_rate", List.of("8000")).containsEntry("channels", List.of("1"))
                .containsEntry("interim_results", List.of("true")).containsEntry("endpointing", List.of("300"))
                .containsEntry("utterance_end_ms", List.of("1000")).containsEntry("vad_events", List.of("true"))
                .containsEntry("smart_format", List.of("true")).containsEntry("tag", List.of("discovery", call));

        long closeStreams = simulator.stats().controlMessages("CloseStream");
        stream.closeAsync().join();
        assertThat(simulator.stats().controlMessages("CloseStream")).isEqualTo(closeStreams + 1);
        assertThat(registry.get("sparring.provider.ttfb").tag("provider", "deepgram").timer().count()).isEqualTo(1);
        assertThat(registry.get("sparring.provider.connect").timer().count()).isEqualTo(1);
    }

    @Test
    void aRejectedKeyIsAnAuthErrorAndIsNotRetried() {
        Recorder events = new Recorder();
        DeepgramStream stream = client("wrong-key").open(events, List.of("discovery", call));
        await().atMost(WAIT).until(() -> stream.closedFuture().isDone());

        assertThat(events.errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("auth");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("401").doesNotContain("wrong-key");
        });
        assertThat(upgradesOf(call)).extracting(SimulatorStats.Upgrade::status).containsExactly(401);
        assertThat(registry.get("sparring.provider.failures").tag("kind", "auth").counter().count()).isEqualTo(1);
    }

    @Test
    void a429IsRetriedAfterRetryAfterWithTheAudioSentMeanwhile() {
        simulator.faults(DeepgramFaults.reject(429, 1, 1));
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(500), speech1, silence(1000));
        await().atMost(WAIT).until(() -> events.finals.size() == 1);

        assertThat(events.finals).containsExactly(LINE_1);
        assertThat(events.errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("rate-limited");
            assertThat(e.retryable()).isTrue();
        });
        assertThat(upgradesOf(call)).extracting(SimulatorStats.Upgrade::status).containsExactly(429, 101);
        stream.close();
    }

    @Test
    void aSlowUpgradeTimesOutAndTheNextAttemptSucceeds() {
        simulator.faults(DeepgramFaults.slowHandshake(Duration.ofSeconds(5), 1));
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(500), speech1, silence(1000));
        await().atMost(WAIT).until(() -> events.finals.size() == 1);

        assertThat(events.finals).containsExactly(LINE_1);
        assertThat(events.errors).extracting(ProviderException::kind).containsExactly("timeout");
        assertThat(events.errors.getFirst().retryable()).isTrue();
        stream.close();
    }

    @Test
    void aConnectionDroppedMidUtteranceIsResumedByResendingTheUnfinalisedAudio() {
        simulator.faults(DeepgramFaults.dropAfter(1, 1));
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(500), speech1, silence(1000));
        await().atMost(WAIT).until(() -> events.ends.get() == 1);

        assertThat(events.errors).extracting(ProviderException::kind).containsExactly("dropped");
        assertThat(events.finals).containsExactly(LINE_1);
        assertThat(events.finalSpeech().getLast().start()).isBetween(Duration.ofMillis(400), Duration.ofMillis(900));
        assertThat(upgradesOf(call)).hasSize(2);
        stream.close();
    }

    @Test
    void afterADropTheNewConnectionsTimesAreShiftedOntoTheCallClock() {
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        byte[] first = concat(silence(300), speech1, silence(1200));
        send(stream, first);
        await().atMost(WAIT).until(() -> events.finals.size() == 1);

        int half = speech2.length / 2;
        send(stream, silence(500), Arrays.copyOfRange(speech2, 0, half));
        await().atMost(WAIT).until(() -> events.interims.stream().anyMatch(t -> t.startsWith("Great")));
        simulator.dropOpenConnections();
        await().atMost(WAIT).until(() -> !events.errors.isEmpty());
        send(stream, Arrays.copyOfRange(speech2, half, speech2.length), silence(1000));
        await().atMost(WAIT).until(() -> events.finals.size() == 2);

        assertThat(events.finals).containsExactly(LINE_1, LINE_2);
        assertThat(events.errors).extracting(ProviderException::kind).containsExactly("dropped");
        Duration line2Starts = Duration.ofMillis(first.length / 8 + 500);
        assertThat(events.finalSpeech().getLast().start())
                .isBetween(line2Starts.minusMillis(100), line2Starts.plusMillis(400));
        assertThat(upgradesOf(call)).hasSize(2);
        stream.close();
    }

    @Test
    void aMalformedMessageIsReportedAndTheStreamGoesOn() {
        simulator.faults(DeepgramFaults.malformedAt(1));
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(500), speech1, silence(1000));
        await().atMost(WAIT).until(() -> events.finals.size() == 1);

        assertThat(events.finals).containsExactly(LINE_1);
        assertThat(events.errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("protocol");
            assertThat(e.retryable()).isFalse();
        });
        assertThat(upgradesOf(call)).hasSize(1);
        stream.close();
    }

    @Test
    void finalizeMidUtteranceYieldsTheFinalWithoutWaitingForSilence() {
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(300), speech1);
        await().atMost(WAIT).until(() -> !events.interims.isEmpty());
        stream.finalizeNow();
        await().atMost(WAIT).until(() -> events.finals.size() == 1);

        assertThat(events.finals).containsExactly(LINE_1);
        stream.close();
    }

    @Test
    void closeMidUtteranceFlushesWithCloseStreamButCallsNothingBack() {
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(300), speech1);
        await().atMost(WAIT).until(() -> !events.interims.isEmpty());
        long sent = simulator.stats().messagesSent();
        stream.close();
        stream.closedFuture().join();

        assertThat(events.finals).isEmpty();
        assertThat(simulator.stats().messagesSent()).isGreaterThan(sent);
    }

    @Test
    void closeAsyncDeliversTheLastUtterance() {
        Recorder events = new Recorder();
        DeepgramStream stream = client(KEY).open(events, List.of("discovery", call));
        send(stream, silence(300), speech1);
        stream.closeAsync().join();

        assertThat(events.finals).containsExactly(LINE_1);
    }

    @Test
    void keepAliveHoldsASilentConnectionOpenPastTheInactivityTimeout() {
        try (DeepgramSimulator strict = DeepgramSimulator.start(DeepgramSimulatorConfig.defaults(KEY, scripts)
                .withInactivityTimeout(Duration.ofMillis(400)))) {
            DeepgramConfig config = DeepgramConfig.defaults(KEY).withBaseUrl(strict.baseUrl())
                    .withTimings(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(2),
                            Duration.ofMillis(50));
            Recorder events = new Recorder();
            DeepgramStream stream = new DeepgramSpeechToText(config, AudioEncoding.MULAW_8K, group,
                    NioSocketChannel.class, registry).open(events, List.of(call));
            // Eight KeepAlives at 100 ms spacing span twice the 400 ms inactivity timeout.
            await().atMost(WAIT).until(() -> strict.stats().controlMessages("KeepAlive") >= 8);

            assertThat(events.errors).isEmpty();
            assertThat(strict.stats().upgrades()).hasSize(1);
            assertThat(strict.openConnections()).isEqualTo(1);
            stream.closeAsync().join();
        }
    }

    @Test
    void sendsPcmAsLinear16AtItsRate() {
        Recorder events = new Recorder();
        DeepgramSpeechToText pcm = new DeepgramSpeechToText(config(KEY), AudioEncoding.PCM16_16K, group,
                NioSocketChannel.class, registry);
        assertThat(pcm.listenUrl(List.of("a b")).getQuery())
                .contains("encoding=linear16", "sample_rate=16000", "tag=a b");
        DeepgramStream stream = pcm.open(events, List.of("discovery", call));
        short[] samples = MuLaw.decode(concat(silence(500), speech1, silence(1000)));
        short[] upsampled = new short[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            upsampled[2 * i] = samples[i];
            upsampled[2 * i + 1] = samples[i];
        }
        byte[] bytes = dev.sparring.codecs.pcm.PcmBytes.toBytes(upsampled);
        for (int i = 0; i < bytes.length; i += 640) {
            stream.sendAudio(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 640)));
        }
        await().atMost(WAIT).until(() -> events.finals.size() == 1);
        assertThat(events.finals).containsExactly(LINE_1);
        stream.close();
    }

    private DeepgramSpeechToText client(String key) {
        return new DeepgramSpeechToText(config(key), AudioEncoding.MULAW_8K, group, NioSocketChannel.class, registry);
    }

    private static DeepgramConfig config(String key) {
        return DeepgramConfig.defaults(key).withBaseUrl(simulator.baseUrl())
                .withTimings(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(50));
    }

    private List<SimulatorStats.Upgrade> upgradesOf(String tag) {
        return simulator.stats().upgrades().stream()
                .filter(u -> u.parameters().getOrDefault("tag", List.of()).contains(tag)).toList();
    }

    /** Sends audio in 20 ms frames, as the pipeline does. */
    private static void send(DeepgramStream stream, byte[]... parts) {
        byte[] all = concat(parts);
        for (int i = 0; i < all.length; i += 160) {
            stream.sendAudio(Arrays.copyOfRange(all, i, Math.min(all.length, i + 160)));
        }
    }

    private static byte[] silence(int millis) {
        byte[] bytes = new byte[millis * 8];
        Arrays.fill(bytes, MuLaw.SILENCE);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int total = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Records every callback; thread-safe (callbacks come from the stream's event loop). */
    static final class Recorder implements DeepgramListener {
        final List<String> interims = new CopyOnWriteArrayList<>();
        final List<String> finals = new CopyOnWriteArrayList<>();
        final List<ProviderException> errors = new CopyOnWriteArrayList<>();
        final List<RecognisedSpeech> speech = new CopyOnWriteArrayList<>();
        final List<Duration> speechStarts = new CopyOnWriteArrayList<>();
        final AtomicInteger ends = new AtomicInteger();

        @Override
        public void onInterim(SpeechToText.Transcript transcript) {
            interims.add(transcript.text());
        }

        @Override
        public void onFinal(SpeechToText.Transcript transcript) {
            finals.add(transcript.text());
        }

        @Override
        public void onEndOfSpeech() {
            ends.incrementAndGet();
        }

        @Override
        public void onError(ProviderException error) {
            errors.add(error);
        }

        @Override
        public void onSpeech(RecognisedSpeech recognised) {
            speech.add(recognised);
        }

        @Override
        public void onSpeechStarted(Duration at) {
            speechStarts.add(at);
        }

        List<RecognisedSpeech> finalSpeech() {
            return speech.stream().filter(RecognisedSpeech::isFinal).toList();
        }
    }
}
