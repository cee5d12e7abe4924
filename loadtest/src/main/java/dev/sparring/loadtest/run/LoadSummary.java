package dev.sparring.loadtest.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a load run measured at the callers, ready for the report.
 *
 * @param elapsed the run's wall time
 * @param calls call counts
 * @param audio turns, barge-ins, gaps and marks
 * @param latencies by name: {@code turn_latency} (end of rep speech to first bot speech heard),
 *     {@code barge_in_reaction} (rep speech onset to {@code clear}), {@code playback_gap} (underrun
 *     lengths), {@code setup_to_start} (placing to {@code start} sent), {@code setup_to_first_audio}
 *     (placing to the first bot speech heard)
 * @param turnLatencyCdf the turn latency's cumulative distribution
 * @param intervals latency over time
 * @param concurrencyBucketWidth width of the {@code byConcurrency} buckets
 * @param byConcurrency turn latency by the calls up when the turn was heard, keyed by the bucket's
 *     lowest concurrency
 * @param errors error counts by {@link ErrorKind#key()}
 * @param errorExamples the first message of each error kind
 */
public record LoadSummary(Duration elapsed, Calls calls, Audio audio, Map<String, Distribution> latencies,
                          List<Distribution.CdfPoint> turnLatencyCdf, List<Interval> intervals,
                          int concurrencyBucketWidth, Map<Integer, Distribution> byConcurrency,
                          Map<String, Long> errors, Map<String, String> errorExamples) {

    public LoadSummary {
        latencies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(latencies));
        turnLatencyCdf = List.copyOf(turnLatencyCdf);
        intervals = List.copyOf(intervals);
        byConcurrency = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byConcurrency));
        errors = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errors));
        errorExamples = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorExamples));
    }

    /**
     * @param placed calls placed
     * @param connected calls whose stream started
     * @param completed calls that ran their script without any error
     * @param failed calls that could not be placed or connected
     * @param dropped calls the server closed before the script ended
     * @param peakUp the most calls up at once
     * @param callSeconds the sum of every call's stream duration
     */
    public record Calls(long placed, long connected, long completed, long failed, long dropped, int peakUp,
                        double callSeconds) {}

    /**
     * @param turns bot answers heard after a rep line
     * @param bargeIns clears received while the bot was audible
     * @param gaps playback underruns in the middle of bot speech
     * @param marksReceived marks the server sent
     * @param marksEchoed marks the callers echoed (played or cleared)
     * @param botAudioSeconds bot audio received, in seconds of μ-law
     */
    public record Audio(long turns, long bargeIns, long gaps, long marksReceived, long marksEchoed,
                        double botAudioSeconds) {}

    /** @return the total number of errors */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
