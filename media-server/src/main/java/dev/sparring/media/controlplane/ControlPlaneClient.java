package dev.sparring.media.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The media server's client of the control plane's internal API (docs/contract.md).
 *
 * <p>Owns one {@link HttpClient}, which keeps its connections alive, so event batches of all calls
 * travel over a persistent connection. Thread-safe. {@link #fetchSession} is asynchronous and safe
 * to call from an event loop; {@link #postEvents} and {@link #complete} block and are called only
 * from the event shipper's own thread.
 */
public final class ControlPlaneClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String serviceKey;
    private final Duration timeout;

    public ControlPlaneClient(URI baseUrl, String serviceKey, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.serviceKey = serviceKey;
        this.timeout = timeout;
    }

    /** {@code GET /internal/calls/{id}/session}; completes exceptionally with {@link ControlPlaneException}. */
    public CompletableFuture<JsonNode> fetchSession(String callId) {
        HttpRequest request = request("/internal/calls/" + callId + "/session").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(networkError("GET session of " + callId, unwrap(error)));
                    }
                    checkStatus("GET session of " + callId, response);
                    try {
                        return JSON.readTree(response.body());
                    } catch (IOException e) {
                        throw new CompletionException(new ControlPlaneException(
                                "session of " + callId + " is not JSON", false, e));
                    }
                });
    }

    /** {@code POST /internal/events} with a ready JSON body; returns the parsed answer. Blocks. */
    public JsonNode postEvents(byte[] body) {
        return postJson("/internal/events", body, "POST events");
    }

    /** {@code POST /internal/calls/{id}/complete} with a ready JSON body. Blocks. */
    public void complete(String callId, byte[] body) {
        postJson("/internal/calls/" + callId + "/complete", body, "POST complete of " + callId);
    }

    private JsonNode postJson(String path, byte[] body, String what) {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw networkError(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(what + " interrupted", true, e);
        }
        checkStatus(what, response);
        try {
            byte[] answer = response.body();
            return answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
        } catch (IOException e) {
            // The request was accepted (2xx); an unreadable answer must not make us resend it forever.
            return JSON.createObjectNode();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + serviceKey)
                .header("Accept", "application/json");
    }

    private static void checkStatus(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status >= 500 || status == 429 || status == 408;
        throw new ControlPlaneException(what + " answered " + status, retryable);
    }

    private static ControlPlaneException networkError(String what, Throwable error) {
        String kind = error instanceof HttpTimeoutException ? "timed out" : "failed: " + error;
        return new ControlPlaneException(what + " " + kind, true, error);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
