package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The names a density run and the load CLI scrape from /metrics, exactly as Prometheus shows them. */
class PipelineMetricsTest {

    @Test
    void densityFiguresAreScrapedUnderTheirAgreedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMetrics metrics = new PipelineMetrics(registry);
        // The transport counts its drops under these names (ServerMetrics); the pipeline sums them.
        registry.counter("sparring_inbound_frames_dropped_at_startup").increment(2);
        registry.counter("sparring_inbound_frames_late").increment(3);
        metrics.bargeInReaction(420);
        metrics.serverLatency(1_500);
        metrics.lateChunk();

        String scrape = registry.scrape();
        assertThat(scrape)
                .containsPattern("(?m)^process_cpu_time_ns_total [0-9.E]+$")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} [0-9.E]+$")
                .containsPattern("(?m)^sparring_inbound_frames_dropped_total 5.0$")
                .containsPattern("(?m)^sparring_outbound_chunks_late_total 1.0$")
                .containsPattern("(?m)^sparring_barge_in_reaction_seconds\\{quantile=\"0.5\"} 0.4")
                .containsPattern("(?m)^sparring_barge_in_reaction_seconds\\{quantile=\"0.99\"} 0.4")
                .containsPattern("(?m)^sparring_turn_server_seconds\\{quantile=\"0.99\"} 0.001");
        assertThat(registry.get("process.cpu.time").functionCounter().count()).isPositive();
    }

    @Test
    void bindingTwiceToOneRegistryIsHarmless() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PipelineMetrics(registry);
        new PipelineMetrics(registry);
        assertThat(registry.find("process.cpu.time").functionCounters()).hasSize(1);
    }
}
