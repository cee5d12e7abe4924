package dev.sparring.loadtest.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes a service's Prometheus {@code /metrics} at the start of a run, every few seconds during
 * it and at its end, and turns the scrapes into {@link ServerFigures}. Missing series are reported
 * as absent; a failed scrape is counted, never fatal.
 *
 * <p><b>Threading and ownership.</b> Owns one daemon thread that scrapes; {@link #start},
 * the periodic scrapes and {@link #finish} are serialised on it, so the scrape list is only touched
 * there. {@link #finish} stops the thread.
 */
public final class ServerMetricsScraper {

    static final String CPU = "process_cpu_time_ns_total";
    static final String HEAP = "jvm_memory_used_bytes";
    private static final Pattern QUANTILE_SERIES = Pattern.compile("sparring_.*_seconds");
    private static final Pattern COUNTER_SERIES = Pattern.compile("sparring_.*_total");
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetricsScraper.class);

    private final URI url;
    private final IntSupplier callsUp;
    private final Duration every;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "metrics-scraper");
        t.setDaemon(true);
        return t;
    });
    private final List<Scrape> scrapes = new ArrayList<>();
    private int failures;

    /** One successful scrape. */
    record Scrape(int callsUp, List<Sample> samples) {}

    /**
     * @param url the {@code /metrics} URL
     * @param callsUp the calls up now, read at each scrape
     * @param every scrape period
     */
    public ServerMetricsScraper(URI url, IntSupplier callsUp, Duration every) {
        this.url = url;
        this.callsUp = callsUp;
        this.every = every;
    }

    /** Takes the first scrape now (blocking) and schedules the periodic ones. */
    public void start() {
        try {
            thread.submit(this::scrape).get();
        } catch (java.util.concurrent.ExecutionException e) {
            failures++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.scheduleWithFixedDelay(this::scrape, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes the last scrape and computes the figures.
     *
     * @param callSeconds the run's call-seconds, the denominator of CPU per call-second
     */
    public ServerFigures finish(double callSeconds) {
        try {
            return thread.submit(() -> {
                scrape();
                return figures(scrapes, failures, callSeconds);
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            return figures(List.of(), failures + 1, callSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return figures(List.of(), failures, callSeconds);
        } finally {
            thread.shutdownNow();
        }
    }

    private void scrape() {
        int up = callsUp.getAsInt();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failures++;
                LOG.debug("{} answered {}", url, response.statusCode());
                return;
            }
            scrapes.add(new Scrape(up, PrometheusText.parse(response.body())));
        } catch (IOException e) {
            failures++;
            LOG.debug("cannot scrape {}", url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The figures of a list of scrapes (first = before the run, last = after it). */
    static ServerFigures figures(List<Scrape> scrapes, int failures, double callSeconds) {
        List<String> absent = new ArrayList<>();
        if (scrapes.isEmpty()) {
            return new ServerFigures(0, failures, Optional.empty(), Optional.empty(), 0, List.of(), List.of(),
                    List.of(CPU, HEAP + "{area=\"heap\"}"));
        }
        Scrape first = scrapes.getFirst();
        Scrape last = scrapes.getLast();

        Optional<Double> cpu = Optional.empty();
        Optional<Double> firstCpu = sum(first, CPU, Map.of());
        Optional<Double> lastCpu = sum(last, CPU, Map.of());
        if (firstCpu.isEmpty() || lastCpu.isEmpty()) {
            absent.add(CPU);
        } else if (callSeconds > 0) {
            cpu = Optional.of((lastCpu.get() - firstCpu.get()) / 1e6 / callSeconds);
        }

        Optional<Double> heapPerCall = Optional.empty();
        int heapCalls = 0;
        boolean heapSeen = false;
        for (Scrape scrape : scrapes) {
            Optional<Double> heap = sum(scrape, HEAP, Map.of("area", "heap"));
            heapSeen |= heap.isPresent();
            if (heap.isPresent() && scrape.callsUp() > 0 && scrape.callsUp() >= heapCalls) {
                heapCalls = scrape.callsUp();
                heapPerCall = Optional.of(heap.get() / scrape.callsUp());
            }
        }
        if (!heapSeen) {
            absent.add(HEAP + "{area=\"heap\"}");
        }

        // Quantiles decay over a short window: read them while calls were still up, not after the run.
        Scrape underLoad = scrapes.reversed().stream().filter(s -> s.callsUp() > 0).findFirst().orElse(last);
        List<ServerFigures.Series> quantiles = new ArrayList<>();
        for (Sample sample : underLoad.samples()) {
            if (QUANTILE_SERIES.matcher(sample.name()).matches() && sample.labels().containsKey("quantile")
                    && !Double.isNaN(sample.value())) {
                quantiles.add(new ServerFigures.Series(sample.series(), sample.value() * 1_000));
            }
        }
        Map<String, Double> before = new LinkedHashMap<>();
        for (Sample sample : first.samples()) {
            before.put(sample.series(), sample.value());
        }
        List<ServerFigures.Series> counters = new ArrayList<>();
        for (Sample sample : last.samples()) {
            if (COUNTER_SERIES.matcher(sample.name()).matches()) {
                double delta = sample.value() - before.getOrDefault(sample.series(), 0.0);
                if (delta != 0) {
                    counters.add(new ServerFigures.Series(sample.series(), delta));
                }
            }
        }
        return new ServerFigures(scrapes.size(), failures, cpu, heapPerCall, heapCalls, quantiles, counters, absent);
    }

    /** @return the sum of every sample named {@code name} whose labels include {@code match}, if any matched */
    private static Optional<Double> sum(Scrape scrape, String name, Map<String, String> match) {
        double total = 0;
        boolean found = false;
        for (Sample sample : scrape.samples()) {
            if (sample.name().equals(name) && sample.labels().entrySet().containsAll(match.entrySet())) {
                total += sample.value();
                found = true;
            }
        }
        return found ? Optional.of(total) : Optional.empty();
    }
}
