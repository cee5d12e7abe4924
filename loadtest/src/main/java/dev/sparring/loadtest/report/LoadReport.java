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
     * @param cpuMillis the load tool's CPU time during the run (all its threads)
     * @param cpuMillisPerCallSecond that divided by the call-seconds run
     * @param eventLoopThreads the emulator's Netty event loop threads
     * @param processors processors available to the tool
     */
    public record ToolFigures(double cpuMillis, double cpuMillisPerCallSecond, int eventLoopThreads, int processors) {

        /** @return the figures for {@code cpuNanos} of CPU over {@code callSeconds} */
        public static ToolFigures of(long cpuNanos, double callSeconds, int eventLoopThreads) {
            double millis = cpuNanos / 1e6;
            return new ToolFigures(millis, callSeconds > 0 ? millis / callSeconds : 0, eventLoopThreads,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** @return true when the run had no errors */
    public boolean ok() {
        return summary.errorCount() == 0;
    }
}
