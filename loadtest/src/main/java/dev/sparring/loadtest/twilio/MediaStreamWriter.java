package dev.sparring.loadtest.twilio;

import java.util.List;
import java.util.Map;

/**
 * Formats the Media Streams messages Twilio sends, exactly as Twilio's documentation shows them
 * (https://www.twilio.com/docs/voice/media-streams/websocket-messages): {@code sequenceNumber},
 * {@code chunk} and {@code timestamp} are strings, {@code mediaFormat} numbers are numbers, and
 * fields come in the documented order. Messages are appended to a caller-owned
 * {@link StringBuilder} so a call can reuse one builder for every frame.
 *
 * <p>Stateless and thread-safe.
 */
public final class MediaStreamWriter {

    private MediaStreamWriter() {
    }

    /** {@code {"event":"connected","protocol":"Call","version":"1.0.0"}}: the first message. */
    public static StringBuilder connected(StringBuilder out) {
        return out.append("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
    }

    /** The {@code start} message: stream metadata, μ-law 8 kHz mono, the inbound track only. */
    public static StringBuilder start(StringBuilder out, long sequenceNumber, StreamIds ids,
                                      Map<String, String> customParameters) {
        out.append("{\"event\":\"start\",\"sequenceNumber\":\"").append(sequenceNumber)
                .append("\",\"start\":{\"accountSid\":");
        string(out, ids.accountSid()).append(",\"streamSid\":");
        string(out, ids.streamSid()).append(",\"callSid\":");
        string(out, ids.callSid()).append(",\"tracks\":[");
        List<String> tracks = List.of("inbound");
        for (int i = 0; i < tracks.size(); i++) {
            string(i == 0 ? out : out.append(','), tracks.get(i));
        }
        out.append("],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},")
                .append("\"customParameters\":{");
        boolean first = true;
        for (Map.Entry<String, String> parameter : customParameters.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, parameter.getKey()).append(':');
            string(out, parameter.getValue());
        }
        out.append("}},\"streamSid\":");
        return string(out, ids.streamSid()).append('}');
    }

    /**
     * An inbound {@code media} message.
     *
     * @param chunk 1 for the first media message of the stream, then +1
     * @param timestampMillis presentation time in milliseconds since the stream started
     * @param payloadBase64 base64 μ-law audio
     */
    public static StringBuilder media(StringBuilder out, long sequenceNumber, String streamSid, long chunk,
                                      long timestampMillis, String payloadBase64) {
        out.append("{\"event\":\"media\",\"sequenceNumber\":\"").append(sequenceNumber)
                .append("\",\"media\":{\"track\":\"inbound\",\"chunk\":\"").append(chunk)
                .append("\",\"timestamp\":\"").append(timestampMillis)
                .append("\",\"payload\":\"").append(payloadBase64).append("\"},\"streamSid\":");
        return string(out, streamSid).append('}');
    }

    /** A {@code dtmf} message for one key pressed by the caller. */
    public static StringBuilder dtmf(StringBuilder out, long sequenceNumber, String streamSid, char digit) {
        out.append("{\"event\":\"dtmf\",\"streamSid\":");
        string(out, streamSid).append(",\"sequenceNumber\":\"").append(sequenceNumber)
                .append("\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"").append(digit).append("\"}}");
        return out;
    }

    /** The {@code mark} echo: the audio sent before the server's mark {@code name} has played (or was cleared). */
    public static StringBuilder mark(StringBuilder out, long sequenceNumber, String streamSid, String name) {
        out.append("{\"event\":\"mark\",\"sequenceNumber\":\"").append(sequenceNumber).append("\",\"streamSid\":");
        string(out, streamSid).append(",\"mark\":{\"name\":");
        return string(out, name).append("}}");
    }

    /** The {@code stop} message: the caller hung up. */
    public static StringBuilder stop(StringBuilder out, long sequenceNumber, StreamIds ids) {
        out.append("{\"event\":\"stop\",\"sequenceNumber\":\"").append(sequenceNumber)
                .append("\",\"stop\":{\"accountSid\":");
        string(out, ids.accountSid()).append(",\"callSid\":");
        string(out, ids.callSid()).append("},\"streamSid\":");
        return string(out, ids.streamSid()).append('}');
    }

    /** Appends {@code value} as a JSON string literal. */
    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
