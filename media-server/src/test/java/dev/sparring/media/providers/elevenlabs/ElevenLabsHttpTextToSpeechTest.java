package dev.sparring.media.providers.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulator;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulatorConfig;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.TextToSpeech;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP fallback ({@code POST /v1/text-to-speech/{voice_id}/stream}, documented at
 * https://elevenlabs.io/docs/api-reference/text-to-speech/stream) against the local simulator.
 */
class ElevenLabsHttpTextToSpeechTest {
    private static final String KEY = "sk-test-http";
    private static final String LINE = "We signed with another vendor last month, so the timing is bad.";
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
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.faults().reset();
        registry = new SimpleMeterRegistry();
    }

    private TextToSpeech tts(ElevenLabsConfig config) {
        return new ElevenLabsHttpTextToSpeech(config, registry, group, NioSocketChannel.class);
    }

    private ElevenLabsConfig config() {
        return ElevenLabsConfig.defaults(KEY).withBaseUrl(simulator.baseUrl());
    }

    private static RecordingListener speak(TextToSpeech tts, String text) {
        RecordingListener l = new RecordingListener();
        tts.synthesize(text, "default", l);
        await().atMost(Duration.ofSeconds(10)).until(l::ended);
        return l;
    }

    @Test
    void streamsMuLawAudioOfTheWholeLine() {
        RecordingListener l = speak(tts(config()), LINE);
        assertThat(l.error()).isEmpty();
        assertThat(l.complete()).isTrue();
        assertThat(l.chunks()).isGreaterThan(1);
        assertThat(AudioEncoding.MULAW_8K.millisOf(l.audio().length)).isGreaterThan(2000);
        assertThat(simulator.stats().lastHttpBody()).hasValueSatisfying(body -> assertThat(body)
                .contains("\"text\":\"" + LINE + "\"").contains("\"model_id\":\"eleven_flash_v2_5\"").contains("voice_settings"));
        assertThat(registry.get("sparring.provider.ttfb").tag("provider", "elevenlabs-http").timer().count()).isEqualTo(1);
    }

    @Test
    void pcmChunksAreWholeSamples() {
        RecordingListener l = speak(tts(config().withOutputFormat(OutputFormat.PCM_16000)), "Call me next week.");
        assertThat(l.complete()).isTrue();
        assertThat(l.audio().length % 2).isZero();
        assertThat(l.audio().length).isGreaterThan(AudioEncoding.PCM16_16K.bytesFor(500));
    }

    @Test
    void aRefusedKeyIsAnAuthError() {
        ElevenLabsConfig wrong = new ElevenLabsConfig("sk-nope", simulator.baseUrl(), "v", "eleven_flash_v2_5",
                OutputFormat.ULAW_8000, VoiceSettings.DEFAULT, ElevenLabsConfig.DEFAULT_CHUNK_LENGTH_SCHEDULE,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(15), 5, 0,
                Duration.ZERO, Duration.ZERO);
        RecordingListener l = speak(tts(wrong), "Hello.");
        assertThat(l.error()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo("auth");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("invalid_api_key");
        });
    }

    @Test
    void rateLimitingIsARetryableErrorNamingRetryAfter() {
        simulator.faults().rateLimitNext(1, 7);
        RecordingListener l = speak(tts(config()), "Hello.");
        assertThat(l.error()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo("rate_limited");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("retry after 7 s");
        });
    }

    @Test
    void aSlowFirstByteBeyondTheTimeoutFails() {
        simulator.faults().slowFirstAudio(Duration.ofSeconds(5));
        RecordingListener l = speak(tts(config().withFirstAudioTimeout(Duration.ofMillis(200))), "Hello.");
        assertThat(l.error()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo("timeout"));
    }

    @Test
    void aSlowFirstByteWithinTheTimeoutSpeaks() {
        simulator.faults().slowFirstAudio(Duration.ofMillis(300));
        assertThat(speak(tts(config()), "Hello there.").complete()).isTrue();
    }

    @Test
    void aStreamCutMidReplyFailsRetryable() {
        simulator.faults().dropAfterChunks(1);
        RecordingListener l = speak(tts(config()), LINE);
        assertThat(l.chunks()).isGreaterThanOrEqualTo(1);
        assertThat(l.error()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo("connection");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("mid-reply");
        });
    }

    @Test
    void cancellingMidReplyStopsTheAudioWithoutCallbacks() {
        int streams = simulator.stats().httpStreams();
        AtomicReference<TextToSpeech.Synthesis> synthesis = new AtomicReference<>();
        RecordingListener l = new RecordingListener(first -> synthesis.get().cancel());
        synthesis.set(tts(config()).synthesize(LINE + " " + LINE, "default", l));
        await().atMost(Duration.ofSeconds(10)).until(() -> l.chunks() > 0);
        // A later request is served normally; the cancelled one never ends.
        assertThat(speak(tts(config()), "Okay.").complete()).isTrue();
        assertThat(l.ended()).isFalse();
        assertThat(AudioEncoding.MULAW_8K.millisOf(l.audio().length)).isLessThan(3000);
        assertThat(simulator.stats().httpStreams() - streams).isEqualTo(2);
    }
}
