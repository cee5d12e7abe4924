package dev.sparring.loadtest.prometheus;

import java.util.List;
import java.util.Optional;

/**
 * What the media server's own metrics said about a load run.
 *
 * @param scrapes successful scrapes
 * @param failedScrapes scrapes that failed (unreachable, non-200)
 * @param cpuMillisPerCallSecond delta of {@code process_cpu_time_ns_total} over the run divided by
 *     the run's call-seconds, absent when the series is missing or nothing ran
 * @param heapBytesPerCall {@code jvm_memory_used_bytes{area="heap"}} (summed over pools) divided by
 *     the calls up, at the scrape with the most calls up
 * @param callsUpAtHeapSample the calls up at that scrape
 * @param quantiles every {@code sparring_*_seconds} series with a {@code quantile} label, in
 *     milliseconds, as of the last scrape taken while calls were up (they decay once idle)
 * @param counters every {@code sparring_*_total} series that changed during the run, with its delta
 * @param absent series the report looks for that the server did not expose
 */
public record ServerFigures(int scrapes, int failedScrapes, Optional<Double> cpuMillisPerCallSecond,
                            Optional<Double> heapBytesPerCall, int callsUpAtHeapSample, List<Series> quantiles,
                            List<Series> counters, List<String> absent) {

    public ServerFigures {
        quantiles = List.copyOf(quantiles);
        counters = List.copyOf(counters);
        absent = List.copyOf(absent);
    }

    /** One series and its value. */
    public record Series(String series, double value) {}
}
