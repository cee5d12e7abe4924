package dev.sparring.controlplane.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete HTTP answer: status, content type, body and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** Returned by an endpoint that writes the response itself (e.g. server-sent events). */
    public static final Reply STREAMING = new Reply(0, "", new byte[0], Map.of());

    public static Reply json(int status, Object value) {
        return new Reply(status, "application/json", Json.bytes(value), Map.of());
    }

    public static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply empty(int status) {
        return new Reply(status, "text/plain", new byte[0], Map.of());
    }

    public Reply withHeader(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(copy));
    }
}
