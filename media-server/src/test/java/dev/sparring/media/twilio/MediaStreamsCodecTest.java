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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MediaStreamsCodec.decode(utf8, 0, utf8.length))
                .as("from bytes").isInstanceOfSatisfying(MediaStreamsException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Media messages as Twilio sends them and in shapes it might: the fast path must read them as the tree does. */
    @Test
    void mediaFromBytesTakesTheFastPathAndEqualsTheTreeDecoding() {
        List<String> shapes = List.of(
                TwilioFixtures.media(7, 3, new byte[] {1, 2, (byte) 0xFF}),
                "{\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"/38=\",\"timestamp\":60,\"chunk\":3},\"event\":\"media\",\"sequenceNumber\":9}",
                "{\"event\":\"media\",\"extra\":{\"a\":[1,{\"b\":2}]},\"sequenceNumber\":\"1\",\"streamSid\":\"MZ\\u0031\","
                        + "\"media\":{\"track\":\"outbound\",\"x\":[1],\"chunk\":\"1\",\"timestamp\":\"20\",\"payload\":\"\"}}");
        for (String json : shapes) {
            byte[] utf8 = ("xx" + json).getBytes(StandardCharsets.UTF_8);
            assertThat(MediaMessageReader.read(utf8, 2, utf8.length - 2)).as(json).isPresent();
            assertThat(MediaStreamsCodec.decode(utf8, 2, utf8.length - 2)).as(json)
                    .usingRecursiveComparison().isEqualTo(MediaStreamsCodec.decode(json));
        }
    }

    @Test
    void irregularMessagesLeaveTheFastPathForThePreciseTreeDecoding() {
        List<String> irregular = List.of(TwilioFixtures.mark(5, "m"), "{\"event\":\"media\"}", "[1]", "{bad",
                "{\"event\":\"media\",\"sequenceNumber\":\"x\",\"streamSid\":\"MZ\",\"media\":{\"chunk\":1,\"timestamp\":1,\"payload\":\"\"}}",
                "{\"event\":\"media\",\"sequenceNumber\":1,\"streamSid\":\"MZ\",\"media\":{\"track\":5,\"chunk\":1,\"timestamp\":1,\"payload\":\"\"}}",
                TwilioFixtures.media(TwilioFixtures.STREAM, 2, 1, "%%%not-base64"));
        for (String json : irregular) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            assertThat(MediaMessageReader.read(utf8, 0, utf8.length)).as(json).isEmpty();
        }
        // A track that is not text is read by the tree as its text, exactly as before.
        byte[] numericTrack = irregular.get(5).getBytes(StandardCharsets.UTF_8);
        assertThat(((TwilioMessage.Media) MediaStreamsCodec.decode(numericTrack, 0, numericTrack.length)).track()).isEqualTo("5");
    }

    @Test
    void textFramesThatAreNotUtf8AreRefusedWith1007() {
        byte[] mark = TwilioFixtures.mark(5, "m\u00e9").getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(mark, mark.length);
        // Cut the two-byte é to its lead byte followed by a quote: not UTF-8.
        int at = new String(mark, StandardCharsets.ISO_8859_1).indexOf("m\u00c3") + 2;
        broken[at] = '"';
        assertThat(MediaStreamsCodec.decode(mark, 0, mark.length)).isEqualTo(new TwilioMessage.Mark(5, TwilioFixtures.STREAM, "m\u00e9"));
        assertThatThrownBy(() -> MediaStreamsCodec.decode(broken, 0, broken.length))
                .isInstanceOfSatisfying(MediaStreamsException.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid-utf8");
                    assertThat(e.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
                });
        byte[] media = TwilioFixtures.media(3, 2, new byte[] {1}).replace("\"track\":\"inbound\"", "\"track\":\"in\u00e9\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] brokenMedia = java.util.Arrays.copyOf(media, media.length);
        brokenMedia[new String(media, StandardCharsets.ISO_8859_1).indexOf("in\u00c3") + 3] = 'x';
        assertThatThrownBy(() -> MediaStreamsCodec.decode(brokenMedia, 0, brokenMedia.length))
                .isInstanceOfSatisfying(MediaStreamsException.class, e -> assertThat(e.reason()).isEqualTo("invalid-utf8"));
    }

    @Test
    void outboundMediaBytesAreTheJsonOfTheGenericEncoder() {
        for (String sid : List.of("MZ1", "MZ\"quoted\\", "MZ\u00e9\u2603", "")) {
            for (byte[] payload : List.of(new byte[0], new byte[] {(byte) 0xFF}, new byte[] {1, 2}, new byte[160])) {
                TwilioMessage.OutboundMedia media = new TwilioMessage.OutboundMedia(sid, payload);
                assertThat(new String(MediaStreamsCodec.encodeMedia(media), StandardCharsets.UTF_8))
                        .isEqualTo(MediaStreamsCodec.encode(media));
            }
        }
    }

    @Test
    void nettyDecoderReadsMediaFromDirectBuffersWithoutLeaks() {
        EmbeddedChannel channel = new EmbeddedChannel(new MediaStreamsDecoder(), new MediaStreamsEncoder());
        String json = TwilioFixtures.media(3, 2, new byte[] {9, 8});
        ByteBuf direct = Unpooled.directBuffer().writeBytes(json.getBytes(StandardCharsets.UTF_8));
        channel.writeInbound(new TextWebSocketFrame(direct));
        TwilioMessage.Media media = channel.readInbound();
        assertThat(media.payload()).containsExactly(9, 8);
        assertThat(media.chunk()).isEqualTo(2);

        channel.writeOutbound(new TwilioMessage.OutboundMedia("MZ9", new byte[] {(byte) 0xFF, 0x7F}));
        TextWebSocketFrame out = channel.readOutbound();
        assertThat(out.text()).isEqualTo("{\"event\":\"media\",\"streamSid\":\"MZ9\",\"media\":{\"payload\":\"/38=\"}}");
        out.release();
        assertFalse(channel.finish());
    }

}
