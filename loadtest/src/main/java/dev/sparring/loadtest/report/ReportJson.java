package dev.sparring.loadtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.prometheus.ServerFigures;
import dev.sparring.loadtest.run.Distribution;
import dev.sparring.loadtest.run.Interval;
import dev.sparring.loadtest.run.LoadSummary;
import java.time.Duration;
import java.util.Map;

/**
 * Renders {@code report.json}, schema {@value #SCHEMA} (documented field by field in
 * docs/load-testing.md). Times are milliseconds ({@code _ms}) or seconds ({@code _s}); absent
 * figures are {@code null}. Stateless and thread-safe.
 */
public final class ReportJson {

    /** The schema identifier written in every report; bump it when a field changes meaning. */
    public static final String SCHEMA = "sparring-load-report/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** @return the report as pretty-printed JSON */
    public static String render(LoadReport report) {
        try {
            return JSON.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new LoadTestException("cannot write the JSON report", e);
        }
    }

    /** @return the report as a JSON tree */
    public static ObjectNode tree(LoadReport report) {
        LoadSummary s = report.summary();
        ObjectNode root = JSON.createObjectNode().put("schema", SCHEMA);

        LoadReport.RunInfo info = report.run();
        ObjectNode run = root.putObject("run")
                .put("started_at", info.startedAt().toString())
                .put("elapsed_s", seconds(s.elapsed()))
                .put("via", info.via())
                .put("control_plane", info.controlPlane())
                .put("calls", info.calls())
                .put("ramp_s", seconds(info.ramp()))
                .put("duration_s", seconds(info.duration()));
        ArrayNode scripts = run.putArray("scripts");
        info.scripts().forEach(scripts::add);

        LoadSummary.Calls c = s.calls();
        root.putObject("calls")
                .put("placed", c.placed())
                .put("connected", c.connected())
                .put("completed", c.completed())
                .put("failed", c.failed())
                .put("dropped", c.dropped())
                .put("peak_up", c.peakUp())
                .put("call_seconds", round(c.callSeconds()));

        LoadSummary.Audio a = s.audio();
        root.putObject("audio")
                .put("turns", a.turns())
                .put("barge_ins", a.bargeIns())
                .put("playback_gaps", a.gaps())
                .put("marks_received", a.marksReceived())
                .put("marks_echoed", a.marksEchoed())
                .put("bot_audio_s", round(a.botAudioSeconds()));

        ObjectNode latencies = root.putObject("latency_ms");
        s.latencies().forEach((name, d) -> latencies.set(name, distribution(d)));

        ArrayNode cdf = root.putArray("turn_latency_cdf");
        s.turnLatencyCdf().forEach(p -> cdf.addObject().put("percentile", p.percentile()).put("ms", p.millis()));

        ArrayNode intervals = root.putArray("intervals");
        for (Interval i : s.intervals()) {
            ObjectNode node = intervals.addObject()
                    .put("t_s", seconds(i.elapsed()))
                    .put("up", i.up())
                    .put("placed", i.placed())
                    .put("connected", i.connected())
                    .put("done", i.done())
                    .put("failed", i.failed())
                    .put("turns", i.turns())
                    .put("errors", i.errors());
            node.set("turn_latency", distribution(i.turnLatency()));
        }

        ObjectNode byConcurrency = root.putObject("by_concurrency").put("bucket_width", s.concurrencyBucketWidth());
        ArrayNode buckets = byConcurrency.putArray("buckets");
        for (Map.Entry<Integer, Distribution> bucket : s.byConcurrency().entrySet()) {
            ObjectNode node = buckets.addObject()
                    .put("from", bucket.getKey())
                    .put("to", bucket.getKey() + s.concurrencyBucketWidth() - 1);
            node.set("turn_latency", distribution(bucket.getValue()));
        }

        ObjectNode errors = root.putObject("errors").put("total", s.errorCount());
        ObjectNode byKind = errors.putObject("by_kind");
        s.errors().forEach(byKind::put);
        ObjectNode examples = errors.putObject("examples");
        s.errorExamples().forEach(examples::put);

        LoadReport.ToolFigures t = report.tool();
        ObjectNode tool = root.putObject("tool")
                .put("cpu_ms", round(t.cpuMillis()))
                .put("cpu_ms_per_call_second", round(t.cpuMillisPerCallSecond()));
        optional(tool, "steady_cpu_ms_per_call_second", t.steadyCpuMillisPerCallSecond().map(ReportJson::round));
        tool.put("event_loop_threads", t.eventLoopThreads())
                .put("processors", t.processors());

        if (report.server().isPresent()) {
            ServerFigures f = report.server().get();
            ObjectNode server = root.putObject("server")
                    .put("metrics_url", info.serverMetricsUrl().orElse(""))
                    .put("scrapes", f.scrapes())
                    .put("failed_scrapes", f.failedScrapes());
            optional(server, "cpu_ms_per_call_second", f.cpuMillisPerCallSecond().map(ReportJson::round));
            optional(server, "heap_bytes_per_call", f.heapBytesPerCall().map(v -> (double) Math.round(v)));
            server.put("calls_up_at_heap_sample", f.callsUpAtHeapSample());
            ObjectNode quantiles = server.putObject("quantiles_ms");
            f.quantiles().forEach(q -> quantiles.put(q.series(), round(q.value())));
            ObjectNode counters = server.putObject("counters");
            f.counters().forEach(q -> counters.put(q.series(), q.value()));
            ArrayNode absent = server.putArray("absent");
            f.absent().forEach(absent::add);
        } else {
            root.putNull("server");
        }
        return root;
    }

    private static void optional(ObjectNode node, String field, java.util.Optional<Double> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    private static ObjectNode distribution(Distribution d) {
        return JSON.createObjectNode()
                .put("count", d.count())
                .put("mean", d.mean())
                .put("p50", d.p50())
                .put("p90", d.p90())
                .put("p95", d.p95())
                .put("p99", d.p99())
                .put("max", d.max());
    }

    private static double seconds(Duration duration) {
        return round(duration.toNanos() / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 1_000) / 1_000.0;
    }
}
