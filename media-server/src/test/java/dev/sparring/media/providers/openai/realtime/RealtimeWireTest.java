package dev.sparring.media.providers.openai.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.pipeline.AudioEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client and server event shapes against fixtures transcribed from the GA reference (see fixtures/realtime/SOURCES.md). */
class RealtimeWireTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/realtime");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RealtimeEventDecoder decoder = new RealtimeEventDecoder();

    @Test
    void sessionUpdateForAPhoneCallMatchesTheFixture() throws IOException {
        String callId = "3f0c9a1e-0000-4000-8000-000000000001";
        SessionSetup setup = new SessionSetup(callId, "You are Jordan Lee, a Homeowner at a two-person household company.",
                "marin", AudioEncoding.MULAW_8K, Optional.of("refinance-happy-path"));

        String sent = RealtimeClientEvents.sessionUpdate(RealtimeConfig.defaults("k"), setup);

        assertThat(JSON.readTree(sent)).isEqualTo(JSON.readTree(FIXTURES.resolve("session-update.json").toFile()));
    }

    @Test
    void pcmTransportsAsk24kPcmAndSemanticVadHasNoSilenceSetting() throws IOException {
        SessionSetup setup = new SessionSetup("c", "p", "cedar", AudioEncoding.PCM16_16K, Optional.empty());
        var session = JSON.readTree(RealtimeClientEvents.sessionUpdate(
                RealtimeConfig.defaults("k").withTurnDetection(TurnDetection.SEMANTIC_VAD), setup)).path("session");

        assertThat(session.at("/audio/input/format/type").asText()).isEqualTo("audio/pcm");
        assertThat(session.at("/audio/output/format/rate").asInt()).isEqualTo(24_000);
        assertThat(session.at("/audio/input/turn_detection/type").asText()).isEqualTo("semantic_vad");
        assertThat(session.at("/audio/input/turn_detection").has("silence_duration_ms")).isFalse();
        assertThat(session.at("/tracing/metadata").has("script")).isFalse();
    }

    @Test
    void clientEventsHaveTheReferenceShapes() throws IOException {
        assertThat(JSON.readTree(RealtimeClientEvents.append(new byte[] {1, 2, 3}, 0, 3)))
                .isEqualTo(JSON.readTree("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AQID\"}"));
        assertThat(JSON.readTree(RealtimeClientEvents.truncate("msg_002", 0, 1500))).isEqualTo(JSON.readTree(
                "{\"type\":\"conversation.item.truncate\",\"item_id\":\"msg_002\",\"content_index\":0,\"audio_end_ms\":1500}"));
        assertThat(JSON.readTree(RealtimeClientEvents.createItem(RealtimeClientEvents.Role.SYSTEM, "hi"))).isEqualTo(
                JSON.readTree("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"system\","
                        + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}"));
        assertThat(JSON.readTree(RealtimeClientEvents.createItem(RealtimeClientEvents.Role.ASSISTANT, "ok"))
                .at("/item/content/0/type").asText()).isEqualTo("output_text");
        assertThat(JSON.readTree(RealtimeClientEvents.createResponse(Optional.of("Say \"hi\""))))
                .isEqualTo(JSON.readTree("{\"type\":\"response.create\",\"response\":{\"instructions\":\"Say \\\"hi\\\"\"}}"));
        assertThat(RealtimeClientEvents.cancelResponse()).isEqualTo("{\"type\":\"response.cancel\"}");
    }

    @Test
    void everyReferenceServerEventDecodes() throws Exception {
        List<String> lines = Files.readAllLines(FIXTURES.resolve("server-events.jsonl"));
        List<RealtimeEvent> events = new java.util.ArrayList<>();
        for (String line : lines) {
            events.add(decoder.decode(line));
        }

        assertThat(events.get(0)).isEqualTo(new RealtimeEvent.SessionReady("session.updated"));
        assertThat(events.get(1)).isEqualTo(new RealtimeEvent.SpeechStarted(1000, "item_003"));
        assertThat(events.get(2)).isEqualTo(new RealtimeEvent.SpeechStopped(2000, "item_003"));
        assertThat(events.get(3)).isEqualTo(new RealtimeEvent.Committed("msg_002"));
        assertThat(events.get(4)).isEqualTo(new RealtimeEvent.InputTranscript("msg_003", "Hello, how are you?"));
        assertThat(events.get(5)).isEqualTo(new RealtimeEvent.ResponseCreated("resp_C9G8p7IH2WxLbkgPNouYL"));
        assertThat(events.get(6)).isInstanceOfSatisfying(RealtimeEvent.AudioDelta.class, d -> {
            assertThat(d.itemId()).isEqualTo("msg_008");
            assertThat(d.audio()).isNotEmpty();
        });
        assertThat(events.get(7)).isEqualTo(new RealtimeEvent.TranscriptDelta("resp_001", "msg_008", "Hello, how can I a"));
        assertThat(events.get(8)).isEqualTo(new RealtimeEvent.TranscriptDone("resp_001", "msg_008",
                "Hello, how can I assist you today?"));
        assertThat(events.get(9)).isEqualTo(new RealtimeEvent.ResponseDone("resp_001", "completed", Optional.empty()));
        assertThat(events.get(10)).isEqualTo(new RealtimeEvent.ResponseDone("resp_002", "cancelled", Optional.empty()));
        assertThat(events.get(11)).isEqualTo(new RealtimeEvent.Truncated("msg_004", 0, 1500));
        assertThat(events.get(12)).isEqualTo(new RealtimeEvent.ServerError("request", "invalid_event",
                "The 'type' field is missing.", false, Optional.empty()));
        assertThat(events.get(13)).isEqualTo(new RealtimeEvent.Other("rate_limits.updated"));
    }

    @Test
    void betaAudioNamesAndRateLimitHintsDecode() throws Exception {
        assertThat(decoder.decode("{\"type\":\"response.audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\","
                + "\"output_index\":0,\"content_index\":0,\"delta\":\"AAAA\"}")).isInstanceOf(RealtimeEvent.AudioDelta.class);
        RealtimeEvent failed = decoder.decode("{\"type\":\"response.done\",\"response\":{\"id\":\"r\",\"status\":\"failed\","
                + "\"status_details\":{\"type\":\"failed\",\"error\":{\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\","
                + "\"message\":\"Rate limit reached. Please try again in 1.5s.\"}}}}");
        assertThat(failed).isEqualTo(new RealtimeEvent.ResponseDone("r", "failed", Optional.of(new RealtimeEvent.ServerError(
                "rate-limited", "rate_limit_exceeded", "Rate limit reached. Please try again in 1.5s.", true,
                Optional.of(Duration.ofMillis(1500))))));
        assertThat(RealtimeEventDecoder.retryAfter("try again in 200ms.")).contains(Duration.ofMillis(200));
    }

    @Test
    void malformedEventsAreRejectedWithAReason() {
        assertThatThrownBy(() -> decoder.decode("{\"type\": \"response.output_audio.delta\", \"delta\": "))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> decoder.decode("{\"no\":\"type\"}")).hasMessageContaining("no event type");
        assertThatThrownBy(() -> decoder.decode("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"i\"}"))
                .hasMessageContaining("audio_start_ms");
    }

    @Test
    void httpBaseUrlsBecomeWebSocketUrls() {
        RealtimeConfig config = RealtimeConfig.defaults("k").withBaseUrl(java.net.URI.create("http://127.0.0.1:9000"));
        assertThat(config.baseUrl().toString()).isEqualTo("ws://127.0.0.1:9000");
        var group = new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            assertThat(new OpenAiRealtimeModel(config, group, io.netty.channel.socket.nio.NioSocketChannel.class,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).url().toString())
                    .isEqualTo("ws://127.0.0.1:9000/v1/realtime?model=gpt-realtime");
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void phoneAudioPassesThroughAndPcmTransportsAreResampledOncePerDirection() {
        ModelAudio phone = new ModelAudio(AudioEncoding.MULAW_8K);
        byte[] frame = new byte[160];
        assertThat(phone.toModel(frame)).isSameAs(frame);
        assertThat(phone.toPlayout(frame)).isSameAs(frame);
        assertThat(phone.playoutEncoding()).isEqualTo(AudioEncoding.MULAW_8K);

        ModelAudio browser = new ModelAudio(AudioEncoding.PCM16_16K);
        int toModel = 0;
        int toPlayout = 0;
        for (int i = 0; i < 50; i++) {
            toModel += browser.toModel(new byte[640]).length;
            toPlayout += browser.toPlayout(new byte[960]).length;
        }
        assertThat(toModel).as("one second of 24 kHz PCM16").isEqualTo(48_000);
        assertThat(toPlayout).as("one second of 16 kHz PCM16").isEqualTo(32_000);
        assertThat(browser.millisOf(960)).isEqualTo(20.0);
    }
}
