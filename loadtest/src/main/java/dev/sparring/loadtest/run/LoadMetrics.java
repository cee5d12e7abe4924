package dev.sparring.loadtest.run;

import dev.sparring.loadtest.twilio.CallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The measurements of a load run, in microseconds, recorded from many event loops at once.
 * Turn latency is recorded live (as each bot answer is heard) so progress and latency-over-time
 * are current; everything else is recorded from each call's {@link CallResult} when it ends.
 *
 * <p><b>Threading.</b> Recording methods are thread-safe and wait-free (HdrHistogram
 * {@link Recorder}s, adders); {@link #closeInterval} and {@link #summary} are called by one thread
 * (the run's scheduler), which alone owns the interval list and the accumulated histograms.
 */
public final class LoadMetrics {

    /** Latencies above ten minutes are clamped: no call lasts that long. */
    static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1_000;
    private static final int DIGITS = 3;

    private final int concurrencyBucketWidth;
    private final java.util.function.LongSupplier cpuNanos;

    private final Recorder turnLatency = recorder();
    private final Recorder bargeInReaction = recorder();
    private final Recorder playbackGap = recorder();
    private final Recorder setupToStart = recorder();
    private final Recorder setupToFirstAudio = recorder();
    private final Map<Integer, Recorder> turnLatencyByConcurrency = new ConcurrentHashMap<>();

    private final AtomicInteger up = new AtomicInteger();
    private final AtomicInteger peakUp = new AtomicInteger();
    private final LongAdder placed = new LongAdder();
    private final LongAdder connected = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder turns = new LongAdder();
    private final LongAdder bargeIns = new LongAdder();
    private final LongAdder marksReceived = new LongAdder();
    private final LongAdder marksEchoed = new LongAdder();
    private final LongAdder callNanos = new LongAdder();
    private final LongAdder botAudioBytes = new LongAdder();
    private final Map<ErrorKind, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<ErrorKind, String> firstErrors = new ConcurrentSkipListMap<>();
    private final AtomicLong errorCount = new AtomicLong();

    // Owned by the scheduler thread.
    private final Histogram turnLatencyTotal = histogram();
    private final List<Interval> intervals = new ArrayList<>();
    private Histogram intervalScratch;

    /**
     * @param concurrencyBucketWidth turn latencies are grouped by the calls up when the turn was
     *     heard, in buckets this wide
     */
    public LoadMetrics(int concurrencyBucketWidth) {
        this(concurrencyBucketWidth, () -> 0);
    }

    /**
     * @param concurrencyBucketWidth see {@link #LoadMetrics(int)}
     * @param cpuNanos the load tool's process CPU time, read at the end of every interval
     */
    public LoadMetrics(int concurrencyBucketWidth, java.util.function.LongSupplier cpuNanos) {
        this.cpuNanos = cpuNanos;
        if (concurrencyBucketWidth < 1) {
            throw new IllegalArgumentException("concurrency bucket width must be at least 1: " + concurrencyBucketWidth);
        }
        this.concurrencyBucketWidth = concurrencyBucketWidth;
    }

    /** A call was placed (before the control plane answered). */
    public void placed() {
        placed.increment();
    }

    /** A call's stream started; {@code placeToStartNanos} is from placing it to sending {@code start}. */
    public void streamStarted(long placeToStartNanos) {
        connected.increment();
        setupToStart.recordValue(micros(placeToStartNanos));
        int now = up.incrementAndGet();
        peakUp.accumulateAndGet(now, Math::max);
    }

    /** The bot answered a rep line after {@code latencyNanos}. */
    public void turnAnswered(long latencyNanos) {
        long value = micros(latencyNanos);
        turns.increment();
        turnLatency.recordValue(value);
        int bucket = up.get() / concurrencyBucketWidth;
        turnLatencyByConcurrency.computeIfAbsent(bucket, b -> recorder()).recordValue(value);
    }

    /**
     * A call that had started ended.
     *
     * @param placeToStartNanos from placing it to sending {@code start}
     */
    public void callEnded(CallResult result, long placeToStartNanos) {
        up.decrementAndGet();
        callNanos.add(result.duration().toNanos());
        botAudioBytes.add(result.bytesReceived());
        if (!result.heard().isEmpty()) {
            setupToFirstAudio.recordValue(micros(placeToStartNanos + result.heard().getFirst().start().toNanos()));
        }
        for (CallResult.Gap gap : result.gaps()) {
            playbackGap.recordValue(micros(gap.length().toNanos()));
        }
        for (CallResult.Clear clear : result.bargeIns()) {
            bargeIns.increment();
            clear.sinceRepSpeechOnset().ifPresent(d -> bargeInReaction.recordValue(micros(d.toNanos())));
        }
        marksReceived.add(result.marksReceived());
        marksEchoed.add(result.marks().size());
        boolean ok = true;
        for (String error : result.errors()) {
            ErrorKind kind = ErrorKind.ofCallError(error);
            error(kind, error);
            ok = false;
            if (kind == ErrorKind.DROPPED) {
                dropped.increment();
            }
        }
        for (CallResult.Step step : result.sent()) {
            if (step.timedOut()) {
                error(ErrorKind.BOT_SILENT, "step " + step.step() + " (" + step.kind().name().toLowerCase() + " \""
                        + step.text() + "\") started after the bot stayed silent");
                ok = false;
            }
        }
        if (ok) {
            completed.increment();
        }
    }

    /** A call could not be placed or connected. */
    public void callFailed(Throwable failure) {
        failed.increment();
        error(ErrorKind.ofLaunchFailure(failure), String.valueOf(failure.getMessage()));
    }

    private void error(ErrorKind kind, String message) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        firstErrors.putIfAbsent(kind, message);
        errorCount.incrementAndGet();
    }

    /** @return calls whose stream is up now */
    public int up() {
        return up.get();
    }

    /** @return errors recorded so far */
    public long errorCount() {
        return errorCount.get();
    }

    /**
     * Ends the current interval: its turn latencies go into the run's total and a new
     * {@link Interval} is appended. Call from one thread only.
     *
     * @param elapsed time since the run started, at the end of the interval
     * @return the interval just closed
     */
    public Interval closeInterval(Duration elapsed) {
        intervalScratch = turnLatency.getIntervalHistogram(intervalScratch);
        turnLatencyTotal.add(intervalScratch);
        Interval interval = new Interval(elapsed, up.get(), placed.sum(), connected.sum(), completed.sum() + dropped.sum(),
                failed.sum(), turns.sum(), errorCount.get(), Distribution.of(intervalScratch), cpuNanos.getAsLong());
        intervals.add(interval);
        return interval;
    }

    /**
     * The run's figures. Closes a last interval first. Call from the thread that closes intervals.
     *
     * @param elapsed the run's wall time
     */
    public LoadSummary summary(Duration elapsed) {
        closeInterval(elapsed);
        Map<Integer, Distribution> byConcurrency = new TreeMap<>();
        turnLatencyByConcurrency.forEach((bucket, recorder) ->
                byConcurrency.put(bucket * concurrencyBucketWidth, Distribution.of(recorder.getIntervalHistogram())));
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind.key(), count.sum()));
        Map<String, String> examples = new TreeMap<>();
        firstErrors.forEach((kind, message) -> examples.put(kind.key(), message));
        Map<String, Distribution> latencies = new java.util.LinkedHashMap<>();
        latencies.put("turn_latency", Distribution.of(turnLatencyTotal));
        latencies.put("barge_in_reaction", Distribution.of(bargeInReaction.getIntervalHistogram()));
        latencies.put("playback_gap", Distribution.of(playbackGap.getIntervalHistogram()));
        latencies.put("setup_to_start", Distribution.of(setupToStart.getIntervalHistogram()));
        latencies.put("setup_to_first_audio", Distribution.of(setupToFirstAudio.getIntervalHistogram()));
        LoadSummary.Calls calls = new LoadSummary.Calls(placed.sum(), connected.sum(), completed.sum(), failed.sum(),
                dropped.sum(), peakUp.get(), callNanos.sum() / 1e9);
        LoadSummary.Audio audio = new LoadSummary.Audio(turns.sum(), bargeIns.sum(), latencies.get("playback_gap").count(),
                marksReceived.sum(), marksEchoed.sum(), botAudioBytes.sum() / 8_000.0);
        return new LoadSummary(elapsed, calls, audio, latencies, Distribution.cdf(turnLatencyTotal), List.copyOf(intervals),
                concurrencyBucketWidth, byConcurrency, errorCounts, examples);
    }

    private static long micros(long nanos) {
        return Math.clamp(nanos / 1_000, 0, MAX_MICROS);
    }

    private static Recorder recorder() {
        return new Recorder(MAX_MICROS, DIGITS);
    }

    private static Histogram histogram() {
        return new Histogram(MAX_MICROS, DIGITS);
    }
}
