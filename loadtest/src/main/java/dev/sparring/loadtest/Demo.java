package dev.sparring.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.loadtest.twilio.CallPlacer;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import dev.sparring.loadtest.twilio.StreamTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./sparring demo}: places one simulated phone call against running services — the Twilio
 * caller emulator speaks a call script (greeting, replies, an objection, a barge-in) — prints the
 * live transcript from the control plane's live events as the call goes, then the stored score.
 *
 * <p>Usage: {@code Demo [--control-plane URL] [--scenario ID] [--script NAME]}; the API key comes from
 * {@code SPARRING_API_KEY}.
 */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        String controlPlane = "http://127.0.0.1:8080";
        String scenario = "refinance-rate-shopper";
        String script = "refinance-happy-path";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--control-plane" -> controlPlane = value(args, ++i);
                case "--scenario" -> scenario = value(args, ++i);
                case "--script" -> script = value(args, ++i);
                default -> usage("unknown option " + args[i]);
            }
        }
        String apiKey = Optional.ofNullable(System.getenv("SPARRING_API_KEY")).filter(k -> !k.isBlank())
                .orElseThrow(() -> new LoadTestException("set SPARRING_API_KEY to an API key of the control plane"));
        HttpClient http = HttpClient.newHttpClient();
        StreamTarget target;
        try {
            target = new CallPlacer(http).viaApi(URI.create(controlPlane), apiKey, scenario, Optional.of(script))
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("demo: could not place the call at " + controlPlane + ": " + e.getCause().getMessage()
                    + "\n      is './sparring run' running?");
            System.exit(1);
            return;
        }
        String callId = target.callId().orElseThrow();
        System.out.printf("%nCall %s: scenario %s, rep script %s%n%n", callId, scenario, script);

        String base = controlPlane;
        Thread live = Thread.ofPlatform().daemon().name("demo-live").start(() -> printLive(http, base, apiKey, callId));
        CallResult result;
        try (CallerEmulator emulator = CallerEmulator.create(EmulatorConfig.defaults(Path.of("config/scripts")))) {
            result = emulator.connect(target, script).get(10, TimeUnit.MINUTES);
        }
        JsonNode call = awaitScore(http, controlPlane, apiKey, callId);
        live.join(Duration.ofSeconds(5).toMillis());

        System.out.printf("%nCaller side: %d barge-in(s), %d marks echoed, turn latency %s%n",
                result.bargeIns().size(), result.marks().size(),
                result.turnLatencies().stream().map(t -> t.latency().toMillis() + " ms").toList());
        if (!result.errors().isEmpty()) {
            System.out.println("Errors: " + result.errors());
        }
        JsonNode score = call.path("score");
        System.out.printf("%nScore %d/100 (call %s)%n", score.path("total").asInt(), call.path("state").asText());
        JsonNode kpis = score.path("breakdown").path("kpis");
        for (Iterator<Map.Entry<String, JsonNode>> it = kpis.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> kpi = it.next();
            System.out.printf("  %-18s %-12s score %s%n", kpi.getKey(), kpi.getValue().path("display").asText(),
                    kpi.getValue().path("score").isMissingNode() || kpi.getValue().path("score").isNull()
                            ? "n/a" : kpi.getValue().path("score").asText());
        }
        System.out.printf("%nThe call: curl -s %s/api/calls/%s -H \"Authorization: Bearer $SPARRING_API_KEY\"%n",
                controlPlane, callId);
    }

    /** Prints each utterance and barge-in as the control plane ingests it. */
    private static void printLive(HttpClient http, String controlPlane, String apiKey, String callId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(controlPlane + "/api/calls/" + callId + "/live"))
                .header("Authorization", "Bearer " + apiKey).build();
        try {
            http.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(line -> line.startsWith("data: "))
                    .forEach(line -> printEvent(line.substring(6)));
        } catch (IOException e) {
            System.out.println("(live events unavailable: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printEvent(String json) {
        try {
            JsonNode event = JSON.readTree(json);
            JsonNode data = event.path("data");
            switch (event.path("type").asText()) {
                case "utterance" -> System.out.printf("  [%6.1fs] %-8s %s%s%n", data.path("start_ms").asLong() / 1000.0,
                        data.path("speaker").asText(), data.path("text").asText(),
                        data.path("interrupted").asBoolean() ? "  (cut off; it would have said: \""
                                + data.path("generated_text").asText() + "\")" : "");
                case "barge_in" -> System.out.printf("  [%6.1fs] barge-in: the rep talked over the prospect%n",
                        data.path("at_ms").asLong() / 1000.0);
                case "call.ended" -> System.out.printf("  call ended: %s%n", data.path("reason").asText());
                default -> { }
            }
        } catch (IOException e) {
            System.out.println("  (unreadable event: " + json + ")");
        }
    }

    private static JsonNode awaitScore(HttpClient http, String controlPlane, String apiKey, String callId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(controlPlane + "/api/calls/" + callId))
                .header("Authorization", "Bearer " + apiKey).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode call = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        while (System.nanoTime() < deadline && !call.has("score")) {
            Thread.sleep(500);
            call = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
        return call;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("demo: " + problem + "\nusage: ./sparring demo [--control-plane URL] [--scenario ID] [--script NAME]");
        System.exit(2);
    }
}
