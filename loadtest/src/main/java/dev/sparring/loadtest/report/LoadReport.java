package dev.sparring.loadtest.report;

import dev.sparring.loadtest.prometheus.ServerFigures;
import dev.sparring.loadtest.run.LoadSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a load run's report shows; {@link ReportJson}, {@link ReportHtml} and
 * {@link ReportTable} render it. Immutable.
 *
 * @param run what was run
 * @param summary what the callers measured
 * @param tool what the load tool itself cost
 * @param server what the media server's metrics said, when {@code --server-metrics} was given
 */
public record LoadReport(RunInfo run, LoadSummary summary, ToolFigures tool, Optional<ServerFigures> server) {

    /**
     * @param startedAt when the run started
     * @param via {@code api}, {@code webhook} or {@code direct}
     * @param controlPlane the control plane's base URL (empty for direct runs)
     * @param calls call slots
     * @param ramp the ramp
     * @param duration the duration setting (zero: one call per slot)
     * @param scripts the scripts, round robin
     * @param serverMetricsUrl the scraped {@code /metrics} URL, if any
     */
    public record RunInfo(Instant startedAt, String via, String controlPlane, int calls, Duration ramp, Duration duration,
                          List<String> scripts, Optional<String> serverMetricsUrl) {
        public RunInfo {
            scripts = List.copyOf(scripts);
        }
    }

    /**
     * @param cpuMillis the load tool's CPU time during the run (all its threads, JIT and GC included)
     * @param cpuMillisPerCallSecond that divided by the call-seconds run
     * @param steadyCpuMillisPerCallSecond the same in steady state — from 10 s after the ramp to the
     *     end of the duration, where start-up costs (JIT compilation, first connections) are over —
     *     absent when that window holds fewer than two intervals
     * @param eventLoopThreads the emulator's Netty event loop threads
     * @param processors processors available to the tool
     */
    public record ToolFigures(double cpuMillis, double cpuMillisPerCallSecond, Optional<Double> steadyCpuMillisPerCallSecond,
                              int eventLoopThreads, int processors) {

        /** Steady state starts this long after the ramp. */
        static final Duration WARM_UP = Duration.ofSeconds(10);

        /** @return the figures for {@code cpuNanos} of CPU over {@code callSeconds}, without a steady-state figure */
        public static ToolFigures of(long cpuNanos, double callSeconds, int eventLoopThreads) {
            double millis = cpuNanos / 1e6;
            return new ToolFigures(millis, callSeconds > 0 ? millis / callSeconds : 0, Optional.empty(), eventLoopThreads,
                    Runtime.getRuntime().availableProcessors());
        }

        /**
         * @param intervals the run's intervals, whose CPU readings and calls up give the steady state
         * @param ramp the run's ramp
         * @param duration the run's duration setting (zero: up to the last interval)
         */
        public static ToolFigures of(long cpuNanos, double callSeconds, int eventLoopThreads,
                                     List<dev.sparring.loadtest.run.Interval> intervals, Duration ramp, Duration duration) {
            ToolFigures whole = of(cpuNanos, callSeconds, eventLoopThreads);
            Duration from = ramp.plus(WARM_UP);
            int first = -1;
            int last = -1;
            for (int i = 0; i < intervals.size(); i++) {
                Duration at = intervals.get(i).elapsed();
                if (first < 0 && at.compareTo(from) >= 0) {
                    first = i;
                }
                if (duration.isZero() || at.compareTo(duration) <= 0) {
                    last = i;
                }
            }
            if (first < 0 || last - first < 2) {
                return whole;
            }
            double steadyCallSeconds = 0;
            for (int i = first + 1; i <= last; i++) {
                dev.sparring.loadtest.run.Interval previous = intervals.get(i - 1);
                dev.sparring.loadtest.run.Interval current = intervals.get(i);
                double seconds = (current.elapsed().toNanos() - previous.elapsed().toNanos()) / 1e9;
                steadyCallSeconds += seconds * (previous.up() + current.up()) / 2.0;
            }
            if (steadyCallSeconds <= 0) {
                return whole;
            }
            double steadyCpuMillis = (intervals.get(last).toolCpuNanos() - intervals.get(first).toolCpuNanos()) / 1e6;
            return new ToolFigures(whole.cpuMillis(), whole.cpuMillisPerCallSecond(),
                    Optional.of(steadyCpuMillis / steadyCallSeconds), eventLoopThreads, whole.processors());
        }
    }

    /** @return true when the run had no errors */
    public boolean ok() {
        return summary.errorCount() == 0;
    }
}
