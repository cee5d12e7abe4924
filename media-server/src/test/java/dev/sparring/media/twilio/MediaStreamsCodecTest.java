package dev.sparring.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaStreamsCodecTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void decodesEveryInboundMessageType() {
        assertThat(MediaStreamsCodec.decode(TwilioFixtures.connected()))
                .isEqualTo(new TwilioMessage.Connected("Call", "1.0.0"));

        var start = (TwilioMessage.Start) MediaStreamsCodec.decode(TwilioFixtures.start("tok"));
        assertThat(start.streamSid()).isEqualTo(TwilioFixtures.STREAM);
        assertThat(start.callSid()).isEqualTo(TwilioFixtures.CALL_SID);
        assertThat(start.accountSid()).isEqualTo("AC0123456789abcdef0123456789abcdef");
        assertThat(start.tracks()).containsExactly("inbound");
        assertThat(start.customParameters()).isEqualTo(Map.of("token", "tok"));
        assertThat(start.mediaFormat()).isEqualTo(TwilioMessage.MediaFormat.MULAW_8K);
        assertThat(start.sequenceNumber()).isEqualTo(1);

        var media = (TwilioMessage.Media) MediaStreamsCodec.decode(TwilioFixtures.media(3, 2, new byte[] {1, 2, (byte) 0xFF}));
        assertThat(media.sequenceNumber()).isEqualTo(3);
        assertThat(media.chunk()).isEqualTo(2);
        assertThat(media.timestamp()).isEqualTo(40);
        assertThat(media.track()).isEqualTo("inbound");
        assertThat(media.payload()).containsExactly(1, 2, 0xFF);

        assertThat(MediaStreamsCodec.decode(TwilioFixtures.dtmf(4, "5")))
                .isEqualTo(new TwilioMessage.Dtmf(4, TwilioFixtures.STREAM, "inbound_track", "5"));
        assertThat(MediaStreamsCodec.decode(TwilioFixtures.mark(5, "turn-1")))
                .isEqualTo(new TwilioMessage.Mark(5, TwilioFixtures.STREAM, "turn-1"));
        assertThat(MediaStreamsCodec.decode(TwilioFixtures.stop(6)))
                .isEqualTo(new TwilioMessage.Stop(6, TwilioFixtures.STREAM, "AC0123456789abcdef0123456789abcdef", TwilioFixtures.CALL_SID));
    }

    @Test
    void encodesOutboundMessagesAsTwilioExpects() throws Exception {
        JsonNode media = JSON.readTree(MediaStreamsCodec.encode(new TwilioMessage.OutboundMedia("MZ1", new byte[] {(byte) 0xFF, 0x7F})));
        assertThat(media.path("event").asText()).isEqualTo("media");
        assertThat(media.path("streamSid").asText()).isEqualTo("MZ1");
        assertThat(media.path("media").path("payload").asText()).isEqualTo("/38=");

        JsonNode mark = JSON.readTree(MediaStreamsCodec.encode(new TwilioMessage.OutboundMark("MZ1", "turn \"3\"")));
        assertThat(mark.path("event").asText()).isEqualTo("mark");
        assertThat(mark.path("mark").path("name").asText()).isEqualTo("turn \"3\"");

        assertThat(JSON.readTree(MediaStreamsCodec.encode(new TwilioMessage.Clear("MZ1"))))
                .isEqualTo(JSON.readTree("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}"));
    }

    @Test
    void refusesWithPreciseReasons() {
        assertReason("{not json", "malformed-json");
        assertReason("[1,2]", "malformed-json");
        assertReason("{\"event\":\"hello\"}", "unknown-event");
        assertReason("{\"foo\":1}", "missing-field");
        assertReason(TwilioFixtures.media(TwilioFixtures.STREAM, 2, 1, "%%%not-base64"), "bad-base64");
        assertReason("{\"event\":\"media\",\"sequenceNumber\":\"2\",\"streamSid\":\"MZ\"}", "missing-field");
        assertReason(TwilioFixtures.start("t").replace("\"streamSid\":\"" + TwilioFixtures.STREAM + "\"}", "\"streamSid\":\"MZother\"}"),
                "wrong-stream-sid");
    }

    @Test
    void nettyDecoderAndEncoderRoundTripFramesWithoutLeaks() {
        EmbeddedChannel channel = new EmbeddedChannel(new MediaStreamsDecoder(), new MediaStreamsEncoder());
        channel.writeInbound(new TextWebSocketFrame(TwilioFixtures.mark(5, "m")));
        assertThat((Object) channel.readInbound()).isEqualTo(new TwilioMessage.Mark(5, TwilioFixtures.STREAM, "m"));

        channel.writeOutbound(new TwilioMessage.Clear("MZ9"));
        TextWebSocketFrame out = channel.readOutbound();
        assertThat(out.text()).isEqualTo("{\"event\":\"clear\",\"streamSid\":\"MZ9\"}");
        out.release();

        assertThatThrownBy(() -> channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1}))))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(MediaStreamsException.class);
        assertFalse(channel.finish());
    }

    private static void assertReason(String json, String reason) {
        assertThatThrownBy(() -> MediaStreamsCodec.decode(json))
                .isInstanceOfSatisfying(MediaStreamsException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

}
