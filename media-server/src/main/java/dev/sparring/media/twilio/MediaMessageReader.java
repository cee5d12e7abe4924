package dev.sparring.media.twilio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The fast path of {@link MediaStreamsCodec#decode}: reads a well-formed {@code media} message —
 * fifty a second per call, the bulk of all inbound traffic — with Jackson's streaming parser
 * straight from its UTF-8 bytes, without building a tree or a String of the frame. Anything else
 * (another event, a missing or mistyped field, malformed JSON or base64, invalid UTF-8) yields
 * empty, and the caller decodes the message on the tree path, which names the precise error. So
 * both paths accept and produce exactly the same messages. Stateless and thread-safe.
 */
final class MediaMessageReader {
    private static final JsonFactory JSON = new JsonFactory();

    private MediaMessageReader() {}

    static Optional<TwilioMessage.Media> read(byte[] utf8, int offset, int length) {
        try (JsonParser p = JSON.createParser(utf8, offset, length)) {
            return read(p);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<TwilioMessage.Media> read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return Optional.empty();
        }
        String event = null;
        String streamSid = null;
        Long sequenceNumber = null;
        boolean mediaSeen = false;
        String track = "inbound";
        Long chunk = null;
        Long timestamp = null;
        byte[] payload = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "event" -> event = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "streamSid" -> streamSid = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "sequenceNumber" -> sequenceNumber = number(p, value);
                case "media" -> {
                    if (value != JsonToken.START_OBJECT) {
                        return Optional.empty();
                    }
                    // A repeated "media" replaces the earlier one, as in the tree model.
                    mediaSeen = true;
                    track = "inbound";
                    chunk = null;
                    timestamp = null;
                    payload = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        JsonToken v = p.nextToken();
                        switch (inner) {
                            case "track" -> {
                                if (v != JsonToken.VALUE_STRING) {
                                    return Optional.empty();
                                }
                                track = p.getText();
                            }
                            case "chunk" -> chunk = number(p, v);
                            case "timestamp" -> timestamp = number(p, v);
                            case "payload" -> payload = v == JsonToken.VALUE_STRING ? ascii(p) : null;
                            default -> { }
                        }
                        p.skipChildren();
                    }
                }
                default -> { }
            }
            p.skipChildren();
        }
        if (!"media".equals(event) || !mediaSeen || streamSid == null || sequenceNumber == null || chunk == null
                || timestamp == null || payload == null) {
            return Optional.empty();
        }
        return Optional.of(new TwilioMessage.Media(sequenceNumber, streamSid, track, chunk, timestamp,
                Base64.getDecoder().decode(payload)));
    }

    /**
     * The current string as ASCII bytes, read from the parser's buffer without a String; null
     * if it holds anything else (then it is no base64, and the tree path reports it).
     */
    private static byte[] ascii(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int from = p.getTextOffset();
        byte[] out = new byte[p.getTextLength()];
        for (int i = 0; i < out.length; i++) {
            char c = chars[from + i];
            if (c > 0x7F) {
                return null;
            }
            out[i] = (byte) c;
        }
        return out;
    }

    /** A number as Twilio sends it (a JSON string) or as a JSON integer; null when neither (the caller skips containers). */
    private static Long number(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
