package dev.sparring.loadtest.report;

import static dev.sparring.loadtest.report.SvgChart.escape;

import dev.sparring.loadtest.run.Distribution;
import dev.sparring.loadtest.run.Interval;
import dev.sparring.loadtest.run.LoadSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, no external
 * resources) with the summary tables and three charts — the turn-latency CDF
 * ({@code id="latency-cdf"}), latency over time ({@code id="latency-over-time"}) and latency against
 * concurrency ({@code id="latency-by-concurrency"}). Stateless and thread-safe.
 */
public final class ReportHtml {

    private static final String P50 = "#1f77b4";
    private static final String P95 = "#ff7f0e";
    private static final String P99 = "#d62728";

    private ReportHtml() {
    }

    /** @return the page */
    public static String render(LoadReport report) {
        LoadSummary s = report.summary();
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Sparring load report</title>
                <style>
                body{font-family:sans-serif;margin:2em;color:#222;max-width:1340px}
                table{border-collapse:collapse;margin:0.5em 0 1.5em}
                td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
                th:first-child,td:first-child{text-align:left}
                .charts{display:flex;flex-wrap:wrap;gap:16px}
                .ok{color:#2a7d2a}.bad{color:#b00020}
                </style></head><body>
                """);
        LoadReport.RunInfo run = report.run();
        html.append(String.format(Locale.ROOT, "<h1>Sparring load report</h1>%n<p>%s &middot; %d call slots via %s%s &middot; "
                        + "ramp %d s &middot; duration %d s &middot; scripts %s &middot; ran %.1f s</p>%n",
                escape(run.startedAt().toString()), run.calls(), escape(run.via()),
                run.controlPlane().isEmpty() ? "" : " (" + escape(run.controlPlane()) + ")",
                run.ramp().toSeconds(), run.duration().toSeconds(), escape(String.join(", ", run.scripts())),
                s.elapsed().toMillis() / 1000.0));
        html.append(report.ok() ? "<p class=\"ok\">No errors.</p>\n"
                : "<p class=\"bad\">" + s.errorCount() + " error(s).</p>\n");

        LoadSummary.Calls c = s.calls();
        LoadSummary.Audio a = s.audio();
        html.append("<h2>Calls</h2>\n<table><tr><th>placed</th><th>connected</th><th>completed clean</th><th>failed</th>"
                + "<th>dropped</th><th>peak up</th><th>call-seconds</th><th>turns</th><th>barge-ins</th><th>playback gaps</th>"
                + "<th>marks received</th><th>marks echoed</th></tr>\n");
        html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.0f</td>"
                        + "<td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr></table>%n",
                c.placed(), c.connected(), c.completed(), c.failed(), c.dropped(), c.peakUp(), c.callSeconds(),
                a.turns(), a.bargeIns(), a.gaps(), a.marksReceived(), a.marksEchoed()));

        html.append("<h2>Latencies at the caller (ms)</h2>\n<table><tr><th>measure</th><th>count</th><th>p50</th><th>p90</th>"
                + "<th>p95</th><th>p99</th><th>max</th></tr>\n");
        s.latencies().forEach((name, d) -> html.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>%n",
                escape(name), d.count(), d.p50(), d.p90(), d.p95(), d.p99(), d.max())));
        html.append("</table>\n<div class=\"charts\">\n");
        html.append(cdfChart(s)).append(overTimeChart(s)).append(byConcurrencyChart(s)).append("</div>\n");

        if (!s.errors().isEmpty()) {
            html.append("<h2>Errors</h2>\n<table><tr><th>kind</th><th>count</th><th>first message</th></tr>\n");
            s.errors().forEach((kind, count) -> html.append(String.format(Locale.ROOT,
                    "<tr><td>%s</td><td>%d</td><td style=\"text-align:left\">%s</td></tr>%n",
                    escape(kind), count, escape(s.errorExamples().getOrDefault(kind, "")))));
            html.append("</table>\n");
        }

        LoadReport.ToolFigures t = report.tool();
        html.append(String.format(Locale.ROOT, "<h2>Cost</h2>%n<table><tr><th>process</th><th>CPU ms per call-second</th>"
                        + "<th>detail</th></tr>%n<tr><td>load tool</td><td>%.3f</td><td>%.0f ms CPU, %d event loop thread(s), "
                        + "%d processor(s)%s</td></tr>%n",
                t.cpuMillisPerCallSecond(), t.cpuMillis(), t.eventLoopThreads(), t.processors(),
                t.steadyCpuMillisPerCallSecond().map(v -> String.format(Locale.ROOT, "; %.3f ms per call-second in steady state", v))
                        .orElse("")));
        report.server().ifPresent(f -> {
            html.append(String.format(Locale.ROOT, "<tr><td>media server</td><td>%s</td><td>heap %s per call at %d calls; "
                            + "%d scrapes, %d failed</td></tr>%n",
                    f.cpuMillisPerCallSecond().map(v -> String.format(Locale.ROOT, "%.3f", v)).orElse("absent"),
                    f.heapBytesPerCall().map(v -> String.format(Locale.ROOT, "%.0f KiB", v / 1024)).orElse("absent"),
                    f.callsUpAtHeapSample(), f.scrapes(), f.failedScrapes()));
            html.append("</table>\n");
            if (!f.quantiles().isEmpty() || !f.counters().isEmpty()) {
                html.append("<h2>Media server metrics</h2>\n<table><tr><th>series</th><th>value</th></tr>\n");
                f.quantiles().forEach(q -> html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f ms</td></tr>%n",
                        escape(q.series()), q.value())));
                f.counters().forEach(q -> html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%+.0f</td></tr>%n",
                        escape(q.series()), q.value())));
                html.append("</table>\n");
            }
            if (!f.absent().isEmpty()) {
                html.append("<p>Absent series: ").append(escape(String.join(", ", f.absent()))).append("</p>\n");
            }
        });
        if (report.server().isEmpty()) {
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String cdfChart(LoadSummary s) {
        List<SvgChart.Point> points = s.turnLatencyCdf().stream()
                .map(p -> new SvgChart.Point(p.millis(), p.percentile())).toList();
        return SvgChart.line("latency-cdf", "Turn latency CDF", "turn latency (ms)", "percent of turns at or below",
                List.of(new SvgChart.Series("turns", P50, points)));
    }

    private static String overTimeChart(LoadSummary s) {
        List<SvgChart.Point> p50 = new ArrayList<>();
        List<SvgChart.Point> p95 = new ArrayList<>();
        List<SvgChart.Point> p99 = new ArrayList<>();
        for (Interval i : s.intervals()) {
            Distribution d = i.turnLatency();
            if (d.count() == 0) {
                continue;
            }
            double t = i.elapsed().toMillis() / 1000.0;
            p50.add(new SvgChart.Point(t, d.p50()));
            p95.add(new SvgChart.Point(t, d.p95()));
            p99.add(new SvgChart.Point(t, d.p99()));
        }
        return SvgChart.line("latency-over-time", "Turn latency over time", "time since start (s)", "turn latency (ms)",
                percentileSeries(p50, p95, p99));
    }

    private static String byConcurrencyChart(LoadSummary s) {
        List<SvgChart.Point> p50 = new ArrayList<>();
        List<SvgChart.Point> p95 = new ArrayList<>();
        List<SvgChart.Point> p99 = new ArrayList<>();
        for (Map.Entry<Integer, Distribution> bucket : s.byConcurrency().entrySet()) {
            double x = bucket.getKey();
            p50.add(new SvgChart.Point(x, bucket.getValue().p50()));
            p95.add(new SvgChart.Point(x, bucket.getValue().p95()));
            p99.add(new SvgChart.Point(x, bucket.getValue().p99()));
        }
        return SvgChart.line("latency-by-concurrency", "Turn latency against concurrency", "calls up when the turn was heard",
                "turn latency (ms)", percentileSeries(p50, p95, p99));
    }

    private static List<SvgChart.Series> percentileSeries(List<SvgChart.Point> p50, List<SvgChart.Point> p95,
                                                          List<SvgChart.Point> p99) {
        return List.of(new SvgChart.Series("p50", P50, p50), new SvgChart.Series("p95", P95, p95),
                new SvgChart.Series("p99", P99, p99));
    }
}
