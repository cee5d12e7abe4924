package dev.sparring.controlplane.api;

import dev.sparring.controlplane.calls.Injection;
import dev.sparring.controlplane.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands an injection to the media server hosting its call ({@code POST {server_url}/internal/calls/{id}/injections},
 * docs/contract.md). One shared HTTP client with keep-alive; thread-safe.
 */
public final class InjectionForwarder {

    /** What the media server said. */
    public sealed interface Outcome {
        record Accepted() implements Outcome {
        }

        record Refused(int status, String body) implements Outcome {
        }

        record Unreachable(String reason) implements Outcome {
        }
    }

    private final HttpClient client;
    private final String serviceKey;
    private final Duration timeout;

    public InjectionForwarder(String serviceKey, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.serviceKey = serviceKey;
        this.timeout = timeout;
    }

    public Outcome forward(String serverUrl, Injection injection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("injection_id", injection.id().toString());
        body.put("kind", injection.kind().dbValue());
        body.put("text", injection.text());
        body.put("timing", injection.timing().dbValue());
        String base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/calls/" + injection.callId() + "/injections"))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + serviceKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return new Outcome.Accepted();
            }
            return new Outcome.Refused(response.statusCode(), response.body());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome.Unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unreachable("interrupted");
        }
    }
}
