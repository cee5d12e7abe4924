package dev.sparring.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.controlplane.config.ControlPlaneConfig;
import dev.sparring.controlplane.config.Settings;
import dev.sparring.controlplane.db.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A running control plane for tests: real HTTP on a free port, the catalog from {@code ../config},
 * and either the shared test PostgreSQL (as an external server, by JDBC URL) or its own embedded
 * one in a given data directory (for restart tests). Closed by the test.
 */
public final class ControlPlaneHarness implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final ControlPlane controlPlane;
    public final String adminKey;

    private ControlPlaneHarness(ControlPlane controlPlane, String adminKey) {
        this.controlPlane = controlPlane;
        this.adminKey = adminKey;
    }

    /** On the shared test database; {@code env} adds secrets such as TWILIO_AUTH_TOKEN. */
    public static ControlPlaneHarness onSharedDatabase(Map<String, String> env, Map<String, String> settings) throws Exception {
        int port = TestDatabase.shared().embeddedPort().orElseThrow();
        TestDatabase.truncateAll();
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("database-url", "jdbc:postgresql://localhost:" + port + "/postgres");
        all.putIfAbsent("database-user", "postgres");
        return start(TestDatabase.temporaryDirectory("sparring-cp"), env, all);
    }

    /** With its own embedded PostgreSQL in {@code dataDir}. */
    public static ControlPlaneHarness start(Path dataDir, Map<String, String> env, Map<String, String> settings) throws Exception {
        Map<String, String> values = new HashMap<>(Settings.load(ControlPlaneConfig.DEFAULTS_RESOURCE,
                java.util.Optional.empty(), "unused_", Map.of(), new Properties()).asMap());
        values.put("http-port", "0");
        values.put("data-dir", dataDir.toString());
        values.put("catalog-dir", "../config");
        values.put("reaper-interval", "1h"); // tests run housekeeping themselves
        values.putAll(settings);
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("SPARRING_API_KEY", "sk_test_admin_key_0123456789abcdef");
        ControlPlaneConfig config = ControlPlaneConfig.from(Settings.of(values), environment);
        ControlPlane cp = new ControlPlane(config, Clock.systemUTC(), environment).start();
        return new ControlPlaneHarness(cp, environment.get("SPARRING_API_KEY"));
    }

    public String url(String path) {
        return controlPlane.baseUrl() + path;
    }

    public HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String bearer, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that sends its body only after the server answered {@code 100 Continue}. */
    public HttpResponse<String> postExpectingContinue(String path, String bearer, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String pathAndQuery, Map<String, String> headers, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String serviceKey() {
        return controlPlane.secrets().serviceKey();
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        controlPlane.close();
    }
}
