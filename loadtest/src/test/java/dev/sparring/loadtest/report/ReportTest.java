package dev.sparring.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.loadtest.prometheus.ServerFigures;
import dev.sparring.loadtest.run.LoadMetrics;
import dev.sparring.loadtest.run.LoadSummary;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.SentStep;
import dev.sparring.loadtest.twilio.StreamIds;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The three renderings of one report built from known measurements. */
class ReportTest {

    private static final long MS = 1_000_000;

    /** Twenty turns of 100..2000 ms heard at 1 then 2 calls up, one barge-in, one gap, no errors. */
    static LoadReport report() {
        LoadMetrics metrics = new LoadMetrics(1);
        metrics.placed();
        metrics.streamStarted(150 * MS);
        for (int i = 1; i <= 10; i++) {
            metrics.turnAnswered(i * 100 * MS);
        }
        metrics.closeInterval(Duration.ofSeconds(2));
        metrics.placed();
        metrics.streamStarted(250 * MS);
        for (int i = 11; i <= 20; i++) {
            metrics.turnAnswered(i * 100 * MS);
        }
        for (int i = 0; i < 2; i++) {
            metrics.callEnded(new CallResult(StreamIds.generate("AC00000000000000000000000000000000"), Instant.EPOCH,
                    Duration.ofSeconds(20), List.of(new CallResult.Step(0, SentStep.Kind.SAY, "Hi", Duration.ZERO,
                            Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), false, false)),
                    List.of(new CallResult.Heard(Duration.ofSeconds(2), Duration.ofSeconds(4), i == 0)),
                    i == 0 ? List.of(new CallResult.Gap(Duration.ofSeconds(3), Duration.ofMillis(80))) : List.of(),
                    i == 0 ? List.of(new CallResult.Clear(Duration.ofSeconds(3), Optional.of(Duration.ofMillis(420)), 800, 1, true))
                            : List.of(),
                    List.of(new CallResult.Mark("m", Duration.ofSeconds(1), Duration.ofSeconds(2), false)), List.of(),
                    1_000, 1, 8_000, true, List.of()), 200 * MS);
        }
        LoadSummary summary = metrics.summary(Duration.ofSeconds(4));
        ServerFigures server = new ServerFigures(3, 0, Optional.of(0.75), Optional.of(262_144.0), 2,
                List.of(new ServerFigures.Series("sparring_turn_server_seconds{quantile=\"0.99\"}", 4.2)),
                List.of(new ServerFigures.Series("sparring_barge_ins_total", 1)), List.of());
        return new LoadReport(new LoadReport.RunInfo(Instant.parse("2026-11-23T01:00:00Z"), "api", "http://127.0.0.1:8080", 2,
                Duration.ofSeconds(1), Duration.ofSeconds(60), List.of("refinance-happy-path"),
                Optional.of("http://127.0.0.1:8081/metrics")), summary,
                LoadReport.ToolFigures.of(40 * MS, summary.calls().callSeconds(), 1), Optional.of(server));
    }

    @Test
    void jsonHasTheDocumentedFieldsAndPercentiles() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.render(report()));

        assertThat(json.path("schema").asText()).isEqualTo("sparring-load-report/1");
        assertThat(json.path("run").path("started_at").asText()).isEqualTo("2026-11-23T01:00:00Z");
        assertThat(json.path("run").path("elapsed_s").asDouble()).isEqualTo(4.0);
        assertThat(json.path("run").path("duration_s").asDouble()).isEqualTo(60.0);
        assertThat(json.path("run").path("scripts").get(0).asText()).isEqualTo("refinance-happy-path");
        JsonNode calls = json.path("calls");
        assertThat(calls.path("placed").asLong()).isEqualTo(2);
        assertThat(calls.path("completed").asLong()).isEqualTo(2);
        assertThat(calls.path("peak_up").asInt()).isEqualTo(2);
        assertThat(calls.path("call_seconds").asDouble()).isEqualTo(40.0);
        JsonNode audio = json.path("audio");
        assertThat(audio.path("turns").asLong()).isEqualTo(20);
        assertThat(audio.path("barge_ins").asLong()).isEqualTo(1);
        assertThat(audio.path("playback_gaps").asLong()).isEqualTo(1);
        assertThat(audio.path("marks_received").asLong()).isEqualTo(2);
        assertThat(audio.path("marks_echoed").asLong()).isEqualTo(2);
        JsonNode turn = json.path("latency_ms").path("turn_latency");
        assertThat(turn.path("count").asLong()).isEqualTo(20);
        assertThat(turn.path("p50").asDouble()).isBetween(1000.0, 1000.6);
        assertThat(turn.path("p90").asDouble()).isBetween(1800.0, 1801.0);
        assertThat(turn.path("p95").asDouble()).isBetween(1900.0, 1901.0);
        assertThat(turn.path("p99").asDouble()).isBetween(2000.0, 2001.0);
        assertThat(turn.path("max").asDouble()).isBetween(2000.0, 2001.0);
        assertThat(json.path("latency_ms").fieldNames()).toIterable().containsExactly("turn_latency", "barge_in_reaction",
                "playback_gap", "setup_to_start", "setup_to_first_audio");
        assertThat(json.path("latency_ms").path("barge_in_reaction").path("p50").asDouble()).isBetween(420.0, 420.3);
        assertThat(json.path("turn_latency_cdf")).hasSize(26);
        assertThat(json.path("intervals")).hasSize(2);
        assertThat(json.path("intervals").get(0).path("turn_latency").path("count").asLong()).isEqualTo(10);
        assertThat(json.path("intervals").get(0).path("t_s").asDouble()).isEqualTo(2.0);
        assertThat(json.path("intervals").get(1).path("turns").asLong()).isEqualTo(20);
        JsonNode buckets = json.path("by_concurrency").path("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).path("from").asInt()).isEqualTo(1);
        assertThat(buckets.get(1).path("turn_latency").path("p50").asDouble()).isBetween(1500.0, 1501.0);
        assertThat(json.path("errors").path("total").asLong()).isZero();
        assertThat(json.path("tool").path("cpu_ms").asDouble()).isEqualTo(40.0);
        assertThat(json.path("tool").path("cpu_ms_per_call_second").asDouble()).isEqualTo(1.0);
        JsonNode server = json.path("server");
        assertThat(server.path("cpu_ms_per_call_second").asDouble()).isEqualTo(0.75);
        assertThat(server.path("heap_bytes_per_call").asDouble()).isEqualTo(262_144.0);
        assertThat(server.path("quantiles_ms").path("sparring_turn_server_seconds{quantile=\"0.99\"}").asDouble()).isEqualTo(4.2);
        assertThat(server.path("counters").path("sparring_barge_ins_total").asDouble()).isEqualTo(1.0);
    }

    @Test
    void htmlIsSelfContainedWithThreeWellFormedSvgCharts() throws Exception {
        String html = ReportHtml.render(report());

        assertThat(html).doesNotContain("<script", "http://www.w3.org/1999", "src=", "href=");
        for (String id : List.of("latency-cdf", "latency-over-time", "latency-by-concurrency")) {
            int start = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\"");
            assertThat(start).as(id).isNotNegative();
            String svg = html.substring(start, html.indexOf("</svg>", start) + "</svg>".length());
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
            NodeList lines = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
            assertThat(lines.getLength()).as(id).isPositive();
            for (int i = 0; i < lines.getLength(); i++) {
                for (String point : ((Element) lines.item(i)).getAttribute("points").split(" ")) {
                    String[] xy = point.split(",");
                    // Every point lies inside the drawing.
                    assertThat(Double.parseDouble(xy[0])).isBetween(0.0, (double) SvgChart.WIDTH);
                    assertThat(Double.parseDouble(xy[1])).isBetween(0.0, (double) SvgChart.HEIGHT);
                }
            }
        }
        assertThat(html).contains("turn_latency", "0.750", "sparring_turn_server_seconds{quantile=&quot;0.99&quot;}");
    }

    @Test
    void aChartWithoutDataSaysSo() {
        String svg = SvgChart.line("empty", "Nothing <yet>", "x", "y", List.of(new SvgChart.Series("p50", "#000", List.of())));

        assertThat(svg).contains("no data", "Nothing &lt;yet&gt;").doesNotContain("<polyline");
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(1234)).isEqualTo(2000);
        assertThat(SvgChart.niceCeiling(5)).isEqualTo(5);
    }

    @Test
    void tableShowsPercentilesCountsAndCosts() {
        String table = ReportTable.render(report());

        assertThat(table).contains("turn latency (rep speech end -> bot audio)", "errors: none",
                "load tool: 1.000 ms CPU per call-second", "CPU 0.750 ms per call-second", "heap 256 KiB per call (at 2 calls)",
                "sparring_turn_server_seconds{quantile=\"0.99\"}");
        assertThat(table.lines().filter(l -> l.startsWith("turn latency")).findFirst().orElseThrow())
                .matches("turn latency \\(rep speech end -> bot audio\\)\\s+20\\s+1000\\.\\d\\s+1800\\.\\d\\s+1900\\.\\d\\s+2000\\.\\d\\s+2000\\.\\d");
    }

    @Test
    void steadyStateToolCpuSkipsTheRampAndWarmUp() {
        List<dev.sparring.loadtest.run.Interval> intervals = new java.util.ArrayList<>();
        for (int t = 2; t <= 40; t += 2) {
            // 100 calls up from 12 s on; 1 s of CPU per interval before, 20 ms per interval after.
            long cpu = t <= 12 ? t * 500 * MS : 6_000 * MS + (t - 12) * 10 * MS;
            intervals.add(new dev.sparring.loadtest.run.Interval(Duration.ofSeconds(t), t < 12 ? t * 8 : 100, 0, 0, 0, 0, 0, 0,
                    dev.sparring.loadtest.run.Distribution.EMPTY, cpu));
        }

        LoadReport.ToolFigures tool = LoadReport.ToolFigures.of(7_000 * MS, 2_000, 1, intervals, Duration.ofSeconds(2),
                Duration.ofSeconds(30));

        assertThat(tool.cpuMillisPerCallSecond()).isEqualTo(3.5);
        // From 12 s (ramp 2 s + 10 s) to 30 s: 180 ms of CPU over 100 calls x 18 s.
        assertThat(tool.steadyCpuMillisPerCallSecond()).hasValueSatisfying(v -> assertThat(v).isCloseTo(0.1,
                org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(LoadReport.ToolFigures.of(7_000 * MS, 2_000, 1, intervals.subList(0, 3), Duration.ofSeconds(2),
                Duration.ofSeconds(30)).steadyCpuMillisPerCallSecond()).isEmpty();
    }
}
