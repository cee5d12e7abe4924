package dev.sparring.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.cli.LoadCommand;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulator;
import dev.sparring.loadtest.simulators.deepgram.DeepgramSimulatorConfig;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulator;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulator;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke load: twenty concurrent phone calls ramped over 5 s (about 30 s in all) through the load CLI's own code
 * path (run in-process), with the production Deepgram, OpenAI and ElevenLabs clients talking to the
 * simulators. Asserts behaviour only — no errors, every mark echoed, every call's transcript stored
 * with both speakers; latencies and gaps are printed, not asserted.
 */
class SmokeLoadEndToEndTest {

    /** A two-line script: a call lasts about 25 s. */
    private static final String SHORT_SCRIPT = """
            name: smoke-short
            scenario: refinance-rate-shopper
            rep:
              - say: "Hi Jordan, my name is Sam from Harbor Lending."
              - say: "Could we review the loan estimate on Thursday?"
              - hangup: true
            """;

    /** The same first line only: a quick call that warms the deployment up. */
    private static final String WARM_UP_SCRIPT = """
            name: smoke-warm-up
            scenario: refinance-rate-shopper
            rep:
              - say: "Hi Jordan, my name is Sam from Harbor Lending."
              - hangup: true
            """;

    @Test
    void twentyConcurrentCallsWithoutErrors(@TempDir Path dir) throws Exception {
        Path catalog = copyCatalog(Path.of("../config").toAbsolutePath().normalize(), dir.resolve("config"));
        Path scripts = catalog.resolve("scripts");
        Files.writeString(scripts.resolve("smoke-short.yaml"), SHORT_SCRIPT);
        Files.writeString(scripts.resolve("smoke-warm-up.yaml"), WARM_UP_SCRIPT);
        Path reportDir = dir.resolve("report");
        try (DeepgramSimulator deepgram = DeepgramSimulator.start(DeepgramSimulatorConfig.defaults("dg-key", scripts));
             OpenAiChatSimulator openai = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults("oa-key"));
             ElevenLabsSimulator elevenlabs = ElevenLabsSimulator.start(ElevenLabsSimulatorConfig.defaults("el-key"));
             Deployment deployment = new Deployment(Map.of("SPARRING_CP_CATALOG_DIR", catalog.toString()), Map.of(
                     "SPARRING_MS_SCRIPTS_DIR", scripts.toString(),
                     "SPARRING_MS_MAX_CONCURRENT_CALLS_PER_ORG", "100",
                     "DEEPGRAM_API_KEY", "dg-key", "DEEPGRAM_BASE_URL", deepgram.baseUrl().toString(),
                     "OPENAI_API_KEY", "oa-key", "OPENAI_BASE_URL", openai.baseUrl().toString(),
                     "ELEVENLABS_API_KEY", "el-key", "ELEVENLABS_BASE_URL", elevenlabs.baseUrl().toString())).start()) {
            // Two calls first warm up every JVM (JIT) and the simulators' speech caches, so the measured
            // run sees a running deployment, not a cold start; their outcome is not asserted.
            ByteArrayOutputStream warmUp = new ByteArrayOutputStream();
            LoadCommand.execute(new String[] {"--control-plane", deployment.controlPlaneUrl(), "--scripts-dir", scripts.toString(),
                    "--script", "smoke-warm-up", "--calls", "2", "--ramp", "0s", "--quiet",
                    "--report-dir", dir.resolve("warm-up").toString()}, Map.of("SPARRING_API_KEY", deployment.apiKey),
                    new PrintStream(warmUp, true, StandardCharsets.UTF_8), new PrintStream(warmUp, true, StandardCharsets.UTF_8));
            System.out.println("warm-up: " + warmUp.toString(StandardCharsets.UTF_8));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = LoadCommand.execute(new String[] {
                    "--control-plane", deployment.controlPlaneUrl(), "--scripts-dir", scripts.toString(),
                    "--script", "smoke-short", "--calls", "20", "--ramp", "5s",
                    "--report-dir", reportDir.toString(),
                    "--server-metrics", "http://127.0.0.1:" + deployment.mediaServerPort + "/metrics"},
                    Map.of("SPARRING_API_KEY", deployment.apiKey),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            System.out.println(printed);
            System.out.println(err.toString(StandardCharsets.UTF_8));

            JsonNode report = Deployment.JSON.readTree(reportDir.resolve("report.json").toFile());
            assertThat(report.path("errors").path("total").asLong()).as(printed).isZero();
            assertThat(exit).isZero();
            long placed = report.path("calls").path("placed").asLong();
            assertThat(placed).isGreaterThanOrEqualTo(20);
            assertThat(report.path("calls").path("completed").asLong()).isEqualTo(placed);
            assertThat(report.path("audio").path("marks_received").asLong()).isPositive();
            assertThat(report.path("audio").path("marks_echoed").asLong())
                    .isEqualTo(report.path("audio").path("marks_received").asLong());
            assertThat(report.path("audio").path("turns").asLong()).isPositive();
            assertThat(Files.readString(reportDir.resolve("report.html"))).contains("id=\"latency-cdf\"");

            List<String> ids = new ArrayList<>();
            listCalls(deployment).path("calls").forEach(call -> ids.add(call.path("id").asText()));
            assertThat(ids).hasSize((int) placed + 2);
            for (String id : ids) {
                Awaitility.await("transcript of call " + id).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            JsonNode call = deployment.call(id);
                            List<String> speakers = new ArrayList<>();
                            call.path("transcript").forEach(u -> speakers.add(u.path("speaker").asText()));
                            assertThat(speakers).as("speakers of call %s", id).contains("rep", "prospect");
                        });
            }
        }
    }

    private static JsonNode listCalls(Deployment deployment) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(deployment.controlPlaneUrl() + "/api/calls?limit=100"))
                .header("Authorization", "Bearer " + deployment.apiKey).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Deployment.JSON.readTree(response.body());
    }

    private static Path copyCatalog(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
