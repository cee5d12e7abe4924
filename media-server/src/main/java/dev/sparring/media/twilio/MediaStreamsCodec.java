package dev.sparring.media.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure Media Streams JSON ⇄ {@link TwilioMessage} conversion; the Netty decoder and encoder wrap it.
 * Stateless and thread-safe. Twilio sends numbers such as {@code sequenceNumber}, {@code chunk} and
 * {@code timestamp} as JSON strings; both strings and numbers are accepted.
 */
public final class MediaStreamsCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaStreamsCodec() {}

    /**
     * Decodes one text frame from its UTF-8 bytes: a well-formed {@code media} message on the
     * streaming fast path ({@link MediaMessageReader}), everything else as {@link #decode(String)}.
     */
    public static TwilioMessage.Inbound decode(byte[] utf8, int offset, int length) {
        return MediaMessageReader.read(utf8, offset, length)
                .<TwilioMessage.Inbound>map(m -> m)
                .orElseGet(() -> decode(strictUtf8(utf8, offset, length)));
    }

    /**
     * Text frames must be UTF-8 (RFC 6455 §8.1): a frame that is not is refused with 1007, the
     * close code Netty's own frame validator would send, so that validator can be left out.
     */
    private static String strictUtf8(byte[] utf8, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MediaStreamsException("invalid-utf8", CloseCodes.INVALID_PAYLOAD, "text frame is not valid UTF-8");
        }
    }

    /** Decodes one text frame; throws {@link MediaStreamsException} with a precise reason. */
    public static TwilioMessage.Inbound decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MediaStreamsException("malformed-json", CloseCodes.INVALID_PAYLOAD,
                    "message is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MediaStreamsException("malformed-json", CloseCodes.INVALID_PAYLOAD, "message is not a JSON object");
        }
        String event = root.path("event").asText("");
        return switch (event) {
            case "connected" -> new TwilioMessage.Connected(root.path("protocol").asText(""), root.path("version").asText(""));
            case "start" -> start(root);
            case "media" -> media(root);
            case "dtmf" -> {
                JsonNode dtmf = object(root, "dtmf");
                yield new TwilioMessage.Dtmf(number(root, "sequenceNumber"), text(root, "streamSid"),
                        dtmf.path("track").asText("inbound_track"), text(dtmf, "digit"));
            }
            case "mark" -> new TwilioMessage.Mark(number(root, "sequenceNumber"), text(root, "streamSid"),
                    text(object(root, "mark"), "name"));
            case "stop" -> {
                JsonNode stop = root.path("stop");
                yield new TwilioMessage.Stop(number(root, "sequenceNumber"), text(root, "streamSid"),
                        stop.path("accountSid").asText(""), stop.path("callSid").asText(""));
            }
            case "" -> throw new MediaStreamsException("missing-field", CloseCodes.INVALID_PAYLOAD, "message has no event");
            default -> throw new MediaStreamsException("unknown-event", CloseCodes.PROTOCOL_ERROR, "unknown event '" + event + "'");
        };
    }

    /** Encodes one outbound message as the JSON text Twilio expects. */
    public static String encode(TwilioMessage.Outbound message) {
        ObjectNode root = JSON.createObjectNode();
        switch (message) {
            case TwilioMessage.OutboundMedia m -> {
                root.put("event", "media").put("streamSid", m.streamSid());
                root.putObject("media").put("payload", Base64.getEncoder().encodeToString(m.payload()));
            }
            case TwilioMessage.OutboundMark m -> {
                root.put("event", "mark").put("streamSid", m.streamSid());
                root.putObject("mark").put("name", m.name());
            }
            case TwilioMessage.Clear c -> root.put("event", "clear").put("streamSid", c.streamSid());
        }
        return root.toString();
    }

    private static final byte[] MEDIA_PREFIX = "{\"event\":\"media\",\"streamSid\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MEDIA_MIDDLE = "\",\"media\":{\"payload\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MEDIA_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

    /**
     * The outbound media message as UTF-8 bytes, the same JSON as {@link #encode} gives, written
     * without a JSON tree or intermediate Strings.
     */
    public static byte[] encodeMedia(TwilioMessage.OutboundMedia media) {
        byte[] sid = JsonStringEncoder.getInstance().quoteAsUTF8(media.streamSid());
        byte[] payload = Base64.getEncoder().encode(media.payload());
        byte[] out = new byte[MEDIA_PREFIX.length + sid.length + MEDIA_MIDDLE.length + payload.length + MEDIA_SUFFIX.length];
        int at = put(MEDIA_PREFIX, out, 0);
        at = put(sid, out, at);
        at = put(MEDIA_MIDDLE, out, at);
        at = put(payload, out, at);
        put(MEDIA_SUFFIX, out, at);
        return out;
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private static TwilioMessage.Start start(JsonNode root) {
        JsonNode start = object(root, "start");
        List<String> tracks = new ArrayList<>();
        start.path("tracks").forEach(t -> tracks.add(t.asText()));
        Map<String, String> params = new LinkedHashMap<>();
        start.path("customParameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        JsonNode format = object(start, "mediaFormat");
        TwilioMessage.MediaFormat mediaFormat = new TwilioMessage.MediaFormat(
                text(format, "encoding"), (int) number(format, "sampleRate"), (int) number(format, "channels"));
        String streamSid = text(start, "streamSid");
        String outer = root.path("streamSid").asText(streamSid);
        if (!outer.equals(streamSid)) {
            throw new MediaStreamsException("wrong-stream-sid", CloseCodes.PROTOCOL_ERROR,
                    "start names stream " + streamSid + " but the message says " + outer);
        }
        return new TwilioMessage.Start(number(root, "sequenceNumber"), streamSid, start.path("accountSid").asText(""),
                text(start, "callSid"), List.copyOf(tracks), Map.copyOf(params), mediaFormat);
    }

    private static TwilioMessage.Media media(JsonNode root) {
        JsonNode media = object(root, "media");
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(text(media, "payload"));
        } catch (IllegalArgumentException e) {
            throw new MediaStreamsException("bad-base64", CloseCodes.INVALID_PAYLOAD, "media payload is not base64: " + e.getMessage());
        }
        return new TwilioMessage.Media(number(root, "sequenceNumber"), text(root, "streamSid"),
                media.path("track").asText("inbound"), number(media, "chunk"), number(media, "timestamp"), payload);
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new MediaStreamsException("missing-field", CloseCodes.INVALID_PAYLOAD, "missing object " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MediaStreamsException("missing-field", CloseCodes.INVALID_PAYLOAD, "missing text field " + field);
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                // fall through to the precise error below
            }
        }
        throw new MediaStreamsException("missing-field", CloseCodes.INVALID_PAYLOAD, "missing numeric field " + field);
    }
}
