package dev.sparring.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The static handler over a fixture folder on the test classpath ({@code static-fixture/}). */
class StaticFilesTest {
    private final StaticFiles files = new StaticFiles("static-fixture", StaticFilesTest.class.getClassLoader(),
            Map.of("X-Content-Type-Options", "nosniff"));

    @Test
    void servesEachKnownTypeWithItsContentTypeAndCacheHeaders() {
        assertThat(files.serve("page.html", Optional.empty()).contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(files.serve("app.css", Optional.empty()).contentType()).isEqualTo("text/css; charset=utf-8");
        Reply js = files.serve("app.js", Optional.empty());
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(new String(js.body(), StandardCharsets.UTF_8)).isEqualTo("console.log(\"fixture\");\n");
        assertThat(js.headers()).containsEntry("Cache-Control", "no-cache")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsKey("ETag");
    }

    @Test
    void aRevalidationWithTheCurrentEtagGetsA304WithoutBody() {
        String etag = files.serve("app.js", Optional.empty()).headers().get("ETag");
        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        Reply fresh = files.serve("app.js", Optional.of("\"other\", " + etag));
        assertThat(fresh.status()).isEqualTo(304);
        assertThat(fresh.body()).isEmpty();
        assertThat(fresh.headers()).containsEntry("ETag", etag);
        assertThat(files.serve("app.js", Optional.of("\"stale\"")).status()).isEqualTo(200);
        assertThat(files.serve("app.css", Optional.empty()).headers().get("ETag")).isNotEqualTo(etag);
    }

    @Test
    void namesThatCouldLeaveTheFolderAreNeverRead() {
        for (String name : new String[] {"../static-outside.css", "..%2Fstatic-outside.css", "/static-outside.css",
                "static-fixture/app.js", "..", ".app.js", "app.js/", "APP.JS", "app..js", "app.js\u0000.css",
                "sub\\app.js", ""}) {
            Reply reply = files.serve(name, Optional.empty());
            assertThat(reply.status()).as(name).isEqualTo(404);
            assertThat(reply.contentType()).as(name).isEqualTo("application/problem+json");
        }
        assertThat(files.asset("../static-outside.css")).isEmpty();
    }

    @Test
    void unknownFilesAndUnservedTypesAre404() {
        assertThat(files.serve("missing.js", Optional.empty()).status()).isEqualTo(404);
        assertThat(files.serve("notes.txt", Optional.empty()).status()).isEqualTo(404);
        assertThat(new String(files.serve("missing.js", Optional.empty()).body(), StandardCharsets.UTF_8))
                .contains("no such file: missing.js");
    }
}
