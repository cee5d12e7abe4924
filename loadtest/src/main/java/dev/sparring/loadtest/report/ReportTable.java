package dev.sparring.loadtest.report;

import dev.sparring.loadtest.prometheus.ServerFigures;
import dev.sparring.loadtest.run.Distribution;
import dev.sparring.loadtest.run.LoadSummary;
import java.util.Locale;
import java.util.Map;

/** Renders the report as a plain-text table for the terminal. Stateless and thread-safe. */
public final class ReportTable {

    private static final Map<String, String> TITLES = Map.of(
            "turn_latency", "turn latency (rep speech end -> bot audio)",
            "barge_in_reaction", "barge-in reaction (rep onset -> clear)",
            "playback_gap", "playback gaps (length)",
            "setup_to_start", "set-up: place -> start sent",
            "setup_to_first_audio", "set-up: place -> first bot audio");

    private ReportTable() {
    }

    /** @return the table, lines ending in {@code \n} */
    public static String render(LoadReport report) {
        LoadSummary s = report.summary();
        StringBuilder out = new StringBuilder();
        LoadSummary.Calls c = s.calls();
        out.append(String.format(Locale.ROOT, "%nLoad run: %d slots over %.1f s via %s; scripts %s%n", report.run().calls(),
                s.elapsed().toMillis() / 1000.0, report.run().via(), String.join(", ", report.run().scripts())));
        out.append(String.format(Locale.ROOT,
                "calls: %d placed, %d connected, %d completed clean, %d failed, %d dropped, peak %d up, %.0f call-seconds%n",
                c.placed(), c.connected(), c.completed(), c.failed(), c.dropped(), c.peakUp(), c.callSeconds()));
        LoadSummary.Audio a = s.audio();
        out.append(String.format(Locale.ROOT, "audio: %d turns, %d barge-ins, %d playback gaps, marks %d received / %d echoed%n%n",
                a.turns(), a.bargeIns(), a.gaps(), a.marksReceived(), a.marksEchoed()));
        out.append(String.format(Locale.ROOT, "%-44s %7s %9s %9s %9s %9s %9s%n", "ms", "count", "p50", "p90", "p95", "p99", "max"));
        s.latencies().forEach((name, d) -> out.append(row(TITLES.getOrDefault(name, name), d)));
        out.append('\n');
        if (s.errorCount() > 0) {
            out.append("errors: ").append(s.errorCount()).append('\n');
            s.errors().forEach((kind, count) -> out.append(String.format(Locale.ROOT, "  %-13s %6d  e.g. %s%n", kind, count,
                    s.errorExamples().getOrDefault(kind, ""))));
        } else {
            out.append("errors: none\n");
        }
        LoadReport.ToolFigures t = report.tool();
        out.append(String.format(Locale.ROOT, "load tool: %.3f ms CPU per call-second (%.0f ms CPU, %d event loop threads)%s%n",
                t.cpuMillisPerCallSecond(), t.cpuMillis(), t.eventLoopThreads(),
                t.steadyCpuMillisPerCallSecond().map(v -> String.format(Locale.ROOT, "; %.3f in steady state", v)).orElse("")));
        report.server().ifPresent(f -> server(out, f));
        return out.toString();
    }

    private static void server(StringBuilder out, ServerFigures f) {
        out.append(String.format(Locale.ROOT, "media server (%d scrapes, %d failed): CPU %s ms per call-second, heap %s per call (at %d calls)%n",
                f.scrapes(), f.failedScrapes(),
                f.cpuMillisPerCallSecond().map(v -> String.format(Locale.ROOT, "%.3f", v)).orElse("n/a"),
                f.heapBytesPerCall().map(v -> String.format(Locale.ROOT, "%.0f KiB", v / 1024)).orElse("n/a"),
                f.callsUpAtHeapSample()));
        f.quantiles().forEach(q -> out.append(String.format(Locale.ROOT, "  %-70s %9.3f ms%n", q.series(), q.value())));
        f.counters().forEach(q -> out.append(String.format(Locale.ROOT, "  %-70s %+12.0f%n", q.series(), q.value())));
        if (!f.absent().isEmpty()) {
            out.append("  absent: ").append(String.join(", ", f.absent())).append('\n');
        }
    }

    private static String row(String title, Distribution d) {
        return String.format(Locale.ROOT, "%-44s %7d %9.1f %9.1f %9.1f %9.1f %9.1f%n", title, d.count(), d.p50(), d.p90(),
                d.p95(), d.p99(), d.max());
    }
}
