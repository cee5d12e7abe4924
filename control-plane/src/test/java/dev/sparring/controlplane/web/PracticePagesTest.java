package dev.sparring.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.ControlPlaneHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The practice pages as a browser fetches them from a running control plane. */
class PracticePagesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static ControlPlaneHarness cp;

    @BeforeAll
    static void start() throws Exception {
        cp = ControlPlaneHarness.onSharedDatabase(Map.of(), Map.of("media-server-public-url", "wss://media.example.com:8443/x"));
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cp.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePracticePageAndItsFilesNeedNoKeyAndCarryTheirTypes() throws Exception {
        HttpResponse<String> page = get("/practice");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<label for=\"api-key\">", "src=\"/practice/app.js\"", "id=\"transcript\"");
        assertThat(get("/practice/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/practice/common.js").statusCode()).isEqualTo(200);
        assertThat(get("/practice/result.js").statusCode()).isEqualTo(200);
        assertThat(get("/practice/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void thePolicyLetsThePageTalkToTheMediaServersOriginOnly() throws Exception {
        String csp = get("/practice").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "connect-src 'self' https://media.example.com:8443;",
                "frame-ancestors 'none'");
        assertThat(get("/practice/app.js").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void anUnchangedFileIsRevalidatedWithoutItsBody() throws Exception {
        String etag = get("/practice/app.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(cp.url("/practice/app.js")))
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void theResultPageIsServedForACallIdOnly() throws Exception {
        HttpResponse<String> result = get("/practice/calls/" + UUID.randomUUID());
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("src=\"/practice/result.js\"", "id=\"breakdown\"");
        assertThat(get("/practice/calls/not-a-call").statusCode()).isEqualTo(404);
    }

    @Test
    void traversalAndUnknownFilesGetNothing() throws Exception {
        for (String path : new String[] {"/practice/..%2F..%2Fcontrol-plane.properties", "/practice/%2e%2e/logback.xml",
                "/practice/../logback.xml", "/practice/logback.xml", "/practice/practice.html", "/practice/missing.js",
                "/practice/web%2Fapp.js", "/practice/app.js%00.css"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("<configuration", "media-server-public-url");
        }
    }

    @Test
    void theBareAddressLeadsToThePracticePage() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/practice");
    }
}
