package dev.sparring.loadtest.twilio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A message the server sends on a Media Streams socket ({@code media}, {@code mark}, {@code clear}),
 * read with Jackson's streaming parser: no JSON tree per frame, and the media payload decoded from
 * base64 straight out of the parser's character buffer, without an intermediate {@code String}.
 *
 * @param event the {@code event} field ({@code ""} when missing)
 * @param streamSid the {@code streamSid} field ({@code ""} when missing)
 * @param payload {@code media.payload} decoded, when present
 * @param markName {@code mark.name}, when present and a string
 */
record InboundMessage(String event, String streamSid, Optional<byte[]> payload, Optional<String> markName) {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DECODE = new byte[128];

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = (byte) i;
        }
    }

    /**
     * @throws IOException when the text is not JSON
     * @throws IllegalArgumentException when {@code media.payload} is not base64
     */
    static InboundMessage read(InputStream in) throws IOException {
        String event = "";
        String streamSid = "";
        byte[] payload = null;
        String markName = null;
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a Media Streams message is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "event" -> event = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "streamSid" -> streamSid = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "media" -> payload = value == JsonToken.START_OBJECT ? payloadOf(parser) : skip(parser, null);
                    case "mark" -> markName = value == JsonToken.START_OBJECT ? nameOf(parser) : skip(parser, null);
                    default -> parser.skipChildren();
                }
            }
        }
        return new InboundMessage(event, streamSid, Optional.ofNullable(payload), Optional.ofNullable(markName));
    }

    private static byte[] payloadOf(JsonParser parser) throws IOException {
        byte[] decoded = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("payload") && value == JsonToken.VALUE_STRING) {
                decoded = base64(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            } else {
                parser.skipChildren();
            }
        }
        return decoded;
    }

    private static String nameOf(JsonParser parser) throws IOException {
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                name = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return name;
    }

    private static <T> T skip(JsonParser parser, T nothing) throws IOException {
        parser.skipChildren();
        return nothing;
    }

    /** Decodes standard padded base64 (RFC 4648 §4), as Twilio and the media server send it. */
    static byte[] base64(char[] text, int offset, int length) {
        if (length % 4 != 0) {
            throw new IllegalArgumentException("base64 length " + length + " is not a multiple of 4");
        }
        int padding = length == 0 ? 0 : (text[offset + length - 1] == '=' ? 1 : 0) + (text[offset + length - 2] == '=' ? 1 : 0);
        byte[] out = new byte[length / 4 * 3 - padding];
        int o = 0;
        for (int i = offset; i < offset + length; i += 4) {
            int a = sextet(text[i]);
            int b = sextet(text[i + 1]);
            int c = text[i + 2] == '=' ? 0 : sextet(text[i + 2]);
            int d = text[i + 3] == '=' ? 0 : sextet(text[i + 3]);
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            if (o < out.length) {
                out[o++] = (byte) (bits >> 8);
            }
            if (o < out.length) {
                out[o++] = (byte) bits;
            }
        }
        return out;
    }

    private static int sextet(char c) {
        int value = c < 128 ? DECODE[c] : -1;
        if (value < 0) {
            throw new IllegalArgumentException("illegal base64 character '" + c + "'");
        }
        return value;
    }
}
