package dev.sparring.loadtest;

import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./sparring swarm [calls] [ramp-seconds] [script]}: places many simulated phone calls at once
 * through the calls API (ramped), waits for them all, and prints what the callers experienced:
 * errors, barge-ins, playback gaps and turn-latency percentiles. A small first step towards the load
 * tester; the API key comes from {@code SPARRING_API_KEY}.
 */
public final class Swarm {
    private Swarm() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration ramp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        String script = args.length > 2 ? args[2] : "refinance-happy-path";
        String scenario = args.length > 3 ? args[3] : "refinance-rate-shopper";
        URI controlPlane = URI.create(Optional.ofNullable(System.getenv("SPARRING_CONTROL_PLANE_URL")).orElse("http://127.0.0.1:8080"));
        String apiKey = Optional.ofNullable(System.getenv("SPARRING_API_KEY")).filter(k -> !k.isBlank())
                .orElseThrow(() -> new LoadTestException("set SPARRING_API_KEY to an API key of the control plane"));

        List<CompletableFuture<CallResult>> results = new ArrayList<>();
        long started = System.nanoTime();
        try (CallerEmulator emulator = CallerEmulator.create(EmulatorConfig.defaults(Path.of("config/scripts")))) {
            for (int i = 0; i < calls; i++) {
                long due = started + ramp.toNanos() * i / Math.max(1, calls);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                results.add(emulator.placeCallViaApi(controlPlane, apiKey, scenario, script));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(30, TimeUnit.MINUTES);
        }

        int failed = 0;
        int bargeIns = 0;
        int gaps = 0;
        List<Long> latencies = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CompletableFuture<CallResult> f : results) {
            if (f.isCompletedExceptionally()) {
                failed++;
                errors.add(f.exceptionNow().toString());
                continue;
            }
            CallResult r = f.join();
            if (!r.ok()) {
                failed++;
                errors.addAll(r.errors());
            }
            bargeIns += r.bargeIns().size();
            gaps += r.gaps().size();
            r.turnLatencies().forEach(t -> latencies.add(t.latency().toMillis()));
        }
        latencies.sort(null);
        System.out.printf("%d calls in %.1f s: %d failed, %d barge-ins, %d playback gaps, %d turns%n", calls,
                (System.nanoTime() - started) / 1e9, failed, bargeIns, gaps, latencies.size());
        if (!latencies.isEmpty()) {
            System.out.printf("turn latency at the caller (end of rep audio -> first bot audio): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.get(latencies.size() - 1));
        }
        errors.stream().distinct().limit(10).forEach(e -> System.out.println("error: " + e));
        System.exit(failed == 0 ? 0 : 1);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
