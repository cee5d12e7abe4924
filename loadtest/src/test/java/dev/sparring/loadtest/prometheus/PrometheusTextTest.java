package dev.sparring.loadtest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** As Micrometer's Prometheus registry writes it (text format 0.0.4). */
    private static String exposition(long cpuNanos, long heapEden, long bargeIns, double turnP99) {
        return """
                # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
                # TYPE process_cpu_time_ns_total counter
                process_cpu_time_ns_total %d
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} %d
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                # TYPE sparring_barge_ins_total counter
                sparring_barge_ins_total %d
                sparring_calls_ended_total{reason="hangup"} 3
                # TYPE sparring_turn_server_seconds summary
                sparring_turn_server_seconds{quantile="0.5"} 0.0021
                sparring_turn_server_seconds{quantile="0.99"} %s
                sparring_turn_server_seconds_count 12
                sparring_turn_server_seconds_sum 0.03
                sparring_odd_seconds{quantile="0.5"} NaN
                """.formatted(cpuNanos, heapEden, bargeIns, turnP99);
    }

    @Test
    void parsesNamesLabelsEscapesAndSpecialValues() {
        List<Sample> samples = PrometheusText.parse("""
                # a comment
                a_total 1 1700000000000
                b{path="/x\\"y\\\\z",le="+Inf"} +Inf
                c{} -Inf
                d NaN
                not a sample line {
                e{unterminated="x} 1
                """);

        assertThat(samples).extracting(Sample::name).containsExactly("a_total", "b", "c", "d");
        assertThat(samples.get(0).value()).isEqualTo(1.0);
        assertThat(samples.get(1).labels()).containsExactly(Map.entry("path", "/x\"y\\z"), Map.entry("le", "+Inf"));
        assertThat(samples.get(1).value()).isInfinite();
        assertThat(samples.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get(3).value()).isNaN();
        assertThat(samples.get(1).series()).isEqualTo("b{le=\"+Inf\",path=\"/x\"y\\z\"}");
    }

    @Test
    void figuresFromScrapesBeforeDuringAndAfterARun() {
        List<ServerMetricsScraper.Scrape> scrapes = List.of(
                new ServerMetricsScraper.Scrape(0, PrometheusText.parse(exposition(1_000_000_000L, 20_000_000, 5, 0.004))),
                new ServerMetricsScraper.Scrape(100, PrometheusText.parse(exposition(3_000_000_000L, 30_000_000, 9, 0.0045))),
                new ServerMetricsScraper.Scrape(0, PrometheusText.parse(exposition(4_000_000_000L, 15_000_000, 12, 0))));

        ServerFigures f = ServerMetricsScraper.figures(scrapes, 1, 1_000);

        assertThat(f.scrapes()).isEqualTo(3);
        assertThat(f.failedScrapes()).isEqualTo(1);
        // 3 s of CPU over 1,000 call-seconds.
        assertThat(f.cpuMillisPerCallSecond()).hasValue(3.0);
        // (30 MB eden + 10 MB old) / 100 calls, at the scrape with the most calls up.
        assertThat(f.heapBytesPerCall()).hasValue(400_000.0);
        assertThat(f.callsUpAtHeapSample()).isEqualTo(100);
        // Quantiles as of the last scrape under load; NaN quantiles are left out.
        assertThat(f.quantiles()).extracting(ServerFigures.Series::series).containsExactly(
                "sparring_turn_server_seconds{quantile=\"0.5\"}", "sparring_turn_server_seconds{quantile=\"0.99\"}");
        assertThat(f.quantiles().get(1).value()).isCloseTo(4.5, org.assertj.core.data.Offset.offset(1e-9));
        // Only counters that changed.
        assertThat(f.counters()).containsExactly(new ServerFigures.Series("sparring_barge_ins_total", 7));
        assertThat(f.absent()).isEmpty();
    }

    @Test
    void missingSeriesAreReportedAsAbsent() {
        ServerFigures f = ServerMetricsScraper.figures(List.of(new ServerMetricsScraper.Scrape(0, List.of()),
                new ServerMetricsScraper.Scrape(3, List.of())), 0, 10);

        assertThat(f.cpuMillisPerCallSecond()).isEmpty();
        assertThat(f.heapBytesPerCall()).isEmpty();
        assertThat(f.absent()).containsExactly("process_cpu_time_ns_total", "jvm_memory_used_bytes{area=\"heap\"}");
    }

    @Test
    void scrapesAtStartAndEndOverHttp() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            int n = requests.incrementAndGet();
            byte[] body = exposition(n * 1_000_000_000L, 1_000_000, n, 0.003).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ServerMetricsScraper scraper = new ServerMetricsScraper(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"), () -> 2, Duration.ofHours(1));
            scraper.start();
            ServerFigures f = scraper.finish(100);

            assertThat(f.scrapes()).isEqualTo(2);
            assertThat(f.cpuMillisPerCallSecond()).hasValue(10.0);
            assertThat(f.counters()).containsExactly(new ServerFigures.Series("sparring_barge_ins_total", 1));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableServerIsCountedNotFatal() {
        ServerMetricsScraper scraper = new ServerMetricsScraper(URI.create("http://127.0.0.1:1/metrics"), () -> 0,
                Duration.ofHours(1));
        scraper.start();
        ServerFigures f = scraper.finish(10);

        assertThat(f.scrapes()).isZero();
        assertThat(f.failedScrapes()).isEqualTo(2);
        assertThat(f.absent()).hasSize(2);
    }
}
