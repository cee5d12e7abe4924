package dev.sparring.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request as an endpoint sees it: the matched path parameters, the query, the body (already read,
 * within the size limit) and the Jetty request for what else is needed. Lives for one request, on the
 * Jetty thread that handles it.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> pathParams;
    private final Fields query;
    private final byte[] body;
    private final Map<Class<?>, Object> attributes = new java.util.HashMap<>();

    Exchange(Request request, Response response, Callback callback, Map<String, String> pathParams, byte[] body) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParams = pathParams;
        this.query = Request.extractQueryParameters(request);
        this.body = body;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return request.getHttpURI().getPath();
    }

    /** The raw query string, empty when there is none. */
    public String rawQuery() {
        return Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** A path parameter that must be a UUID; anything else is "not found", as it names no resource. */
    public UUID pathUuid(String name, String what) {
        String raw = pathParam(name);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no " + what + " with id '" + raw + "'");
        }
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.getValue(name)).filter(v -> !v.isEmpty());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    public byte[] body() {
        return body;
    }

    public JsonNode json() {
        return Json.parse(body);
    }

    /** Form fields of an {@code application/x-www-form-urlencoded} body, all values per name. */
    public Map<String, List<String>> form() {
        String contentType = header("Content-Type").orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "expected application/x-www-form-urlencoded, got '" + contentType + "'");
        }
        // A url-encoded body is ASCII; its %-escapes decode as UTF-8.
        String encoded = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        Map<String, List<String>> result = new java.util.TreeMap<>();
        org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(encoded, 0, encoded.length(),
                (name, value) -> result.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value));
        return result;
    }

    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    public boolean fromLoopback() {
        try {
            return java.net.InetAddress.getByName(remoteAddress()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public <T> void attach(Class<T> type, T value) {
        attributes.put(type, value);
    }

    public <T> Optional<T> attribute(Class<T> type) {
        return Optional.ofNullable(type.cast(attributes.get(type)));
    }

    /** For streaming endpoints (server-sent events) that write the response themselves. */
    public Request jettyRequest() {
        return request;
    }

    public Response jettyResponse() {
        return response;
    }

    public Callback jettyCallback() {
        return callback;
    }
}
