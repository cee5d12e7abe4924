package dev.sparring.media.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Both services on embedded defaults, each in its own JVM, sharing secrets the way a deployment
 * does (through the environment), with the test's own ports and data directories. Restartable.
 */
final class Deployment implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int controlPlanePort = ServiceProcess.freePort();
    final int mediaServerPort = ServiceProcess.freePort();
    final String apiKey = "sk_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private final Path dataDir;
    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, String> mediaOverrides;
    private final Map<String, String> controlOverrides;
    ServiceProcess controlPlane;
    ServiceProcess mediaServer;

    Deployment(Map<String, String> controlOverrides, Map<String, String> mediaOverrides) throws IOException {
        this.dataDir = Files.createTempDirectory("sparring-e2e");
        this.controlOverrides = controlOverrides;
        this.mediaOverrides = mediaOverrides;
        shared.put("SPARRING_SERVICE_KEY", "e2e-service-key-" + UUID.randomUUID());
        shared.put("SPARRING_SESSION_SIGNING_KEY", "e2e-signing-key-" + UUID.randomUUID());
    }

    String controlPlaneUrl() {
        return "http://127.0.0.1:" + controlPlanePort;
    }

    ServiceProcess startControlPlane() throws Exception {
        Map<String, String> env = new HashMap<>(shared);
        env.put("SPARRING_API_KEY", apiKey);
        env.put("SPARRING_CP_HTTP_PORT", String.valueOf(controlPlanePort));
        env.put("SPARRING_CP_DATA_DIR", dataDir.resolve("control-plane").toString());
        env.put("SPARRING_CP_CATALOG_DIR", Path.of("../config").toAbsolutePath().normalize().toString());
        env.put("SPARRING_CP_MEDIA_SERVER_PUBLIC_URL", "ws://127.0.0.1:" + mediaServerPort);
        env.put("SPARRING_CP_REAPER_INTERVAL", "1s");
        env.putAll(controlOverrides);
        controlPlane = ServiceProcess.of("control-plane", "control-plane", "dev.sparring.controlplane.Main", env,
                URI.create(controlPlaneUrl() + "/ready")).start();
        return controlPlane;
    }

    ServiceProcess startMediaServer() throws Exception {
        Map<String, String> env = new HashMap<>(shared);
        env.put("SPARRING_MS_HTTP_PORT", String.valueOf(mediaServerPort));
        env.put("SPARRING_MS_BIND_ADDRESS", "127.0.0.1");
        env.put("SPARRING_MS_PUBLIC_URL", "ws://127.0.0.1:" + mediaServerPort);
        env.put("SPARRING_MS_INTERNAL_URL", "http://127.0.0.1:" + mediaServerPort);
        env.put("SPARRING_MS_CONTROL_PLANE_URL", controlPlaneUrl());
        env.put("SPARRING_MS_DATA_DIR", dataDir.resolve("media-server").toString());
        env.put("SPARRING_MS_OUTBOX_DIR", dataDir.resolve("media-server/outbox").toString());
        env.put("SPARRING_MS_WEBRTC_UDP_PORT", "0");
        env.put("SPARRING_MS_WEBRTC_ALLOWED_ORIGINS", controlPlaneUrl());
        env.put("SPARRING_MS_SCRIPTS_DIR", Path.of("../config/scripts").toAbsolutePath().normalize().toString());
        env.putAll(mediaOverrides);
        mediaServer = ServiceProcess.of("media-server", "media-server", "dev.sparring.media.Main", env,
                URI.create("http://127.0.0.1:" + mediaServerPort + "/ready")).start();
        return mediaServer;
    }

    /** Starts both; if either fails to start, stops what did start, so no JVM outlives the test. */
    Deployment start() throws Exception {
        try {
            startControlPlane();
            startMediaServer();
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    JsonNode call(String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(controlPlaneUrl() + "/api/calls/" + id))
                .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/calls/" + id + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Waits until the call reached one of {@code states}. */
    JsonNode awaitState(String id, Duration timeout, String... states) {
        java.util.List<String> wanted = java.util.List.of(states);
        return org.awaitility.Awaitility.await("call " + id + " in state " + wanted)
                .atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> call(id), call -> wanted.contains(call.get("state").asText()));
    }

    /** The media server's durable outbox (batches it could not deliver). */
    Path outbox() {
        return dataDir.resolve("media-server/outbox");
    }

    @Override
    public void close() throws Exception {
        if (mediaServer != null) {
            mediaServer.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }
}
