package dev.sparring.controlplane.web;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code browser/practice-page.mjs} (headless system Chromium through playwright-core) and
 * returns its JSON result. Checks its prerequisites first and fails the test, never skips it, when
 * node, the npm modules or Chromium are missing, saying how to install them. One instance per test
 * class; each {@link #start} owns one node process until {@link Run#result} returns.
 */
final class BrowserHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BROWSER_DIR = Path.of("..", "browser").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 120;

    private final String node;

    private BrowserHarness(String node) {
        this.node = node;
    }

    /** Finds node, the harness's npm modules and Chromium, or fails the calling test with what to install. */
    static BrowserHarness require() {
        String node = onPath("node").orElseGet(() -> fail(
                "node is not installed: the practice page's browser test needs Node.js 20+ ('apt-get install nodejs npm', as .ci/run does)"));
        if (!Files.isRegularFile(BROWSER_DIR.resolve("practice-page.mjs"))) {
            fail("the browser harness is missing: expected " + BROWSER_DIR.resolve("practice-page.mjs"));
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            fail("the browser harness's npm modules are not installed: run 'npm ci --prefix browser' "
                    + "(./sparring test does it before Maven)");
        }
        String chromium = System.getenv().getOrDefault("SPARRING_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("Chromium is not installed at " + chromium + ": 'apt-get install chromium' (as .ci/run does), "
                    + "or set SPARRING_CHROMIUM to its path");
        }
        return new BrowserHarness(node);
    }

    private static Optional<String> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** Starts one harness run; the arguments are those documented at the top of practice-page.mjs. */
    Run start(Map<String, Object> arguments) throws IOException {
        Process process = new ProcessBuilder(node, BROWSER_DIR.resolve("practice-page.mjs").toString(),
                JSON.writeValueAsString(arguments))
                .directory(BROWSER_DIR.toFile())
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        return new Run(process, out, err);
    }

    /** Runs the harness to its end and returns its result, failing the test if it could not run its steps. */
    JsonNode run(Map<String, Object> arguments) throws Exception {
        return start(arguments).result();
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }

    /** One running harness process. */
    record Run(Process process, CompletableFuture<String> stdout, CompletableFuture<String> stderr) {
        JsonNode result() throws Exception {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the browser harness did not finish within " + TIMEOUT_SECONDS + " s; stderr: " + stderr.join());
            }
            String out = stdout.get(10, TimeUnit.SECONDS).strip();
            String lastLine = out.substring(out.lastIndexOf('\n') + 1);
            if (process.exitValue() != 0 || lastLine.isEmpty()) {
                fail("the browser harness failed (exit " + process.exitValue() + "): " + stderr.join().strip()
                        + "\nresult: " + lastLine);
            }
            return JSON.readTree(lastLine);
        }
    }
}
