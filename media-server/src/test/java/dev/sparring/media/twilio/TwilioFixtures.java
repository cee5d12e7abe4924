package dev.sparring.media.twilio;

import java.util.Base64;

/**
 * Media Streams messages shaped as in Twilio's documentation
 * (https://www.twilio.com/docs/voice/media-streams/websocket-messages): numbers as strings,
 * base64 μ-law payloads.
 */
public final class TwilioFixtures {
    public static final String STREAM = "MZ18ad3ab5a668481ce02b83e7395059f0";
    public static final String CALL_SID = "CA5f2d7e3c1b2a49d8b7e6f5a4c3b2a1d0";

    private TwilioFixtures() {}

    public static String connected() {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    public static String start(String token) {
        return start(STREAM, token, "audio/x-mulaw");
    }

    public static String start(String streamSid, String token, String encoding) {
        return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC0123456789abcdef0123456789abcdef\","
                + "\"streamSid\":\"" + streamSid + "\",\"callSid\":\"" + CALL_SID + "\",\"tracks\":[\"inbound\"],"
                + "\"mediaFormat\":{\"encoding\":\"" + encoding + "\",\"sampleRate\":8000,\"channels\":1},"
                + "\"customParameters\":{\"token\":\"" + token + "\"}},\"streamSid\":\"" + streamSid + "\"}";
    }

    public static String media(long seq, long chunk, byte[] payload) {
        return media(STREAM, seq, chunk, Base64.getEncoder().encodeToString(payload));
    }

    public static String media(String streamSid, long seq, long chunk, String base64) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + seq + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk
                + "\",\"timestamp\":\"" + (chunk * 20) + "\",\"payload\":\"" + base64 + "\"},\"streamSid\":\"" + streamSid + "\"}";
    }

    public static String dtmf(long seq, String digit) {
        return "{\"event\":\"dtmf\",\"streamSid\":\"" + STREAM + "\",\"sequenceNumber\":\"" + seq
                + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"" + digit + "\"}}";
    }

    public static String mark(long seq, String name) {
        return "{\"event\":\"mark\",\"sequenceNumber\":\"" + seq + "\",\"streamSid\":\"" + STREAM
                + "\",\"mark\":{\"name\":\"" + name + "\"}}";
    }

    public static String stop(long seq) {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"" + seq + "\",\"streamSid\":\"" + STREAM
                + "\",\"stop\":{\"accountSid\":\"AC0123456789abcdef0123456789abcdef\",\"callSid\":\"" + CALL_SID + "\"}}";
    }
}
