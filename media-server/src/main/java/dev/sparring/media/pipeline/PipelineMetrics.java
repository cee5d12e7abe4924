package dev.sparring.media.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The pipeline's meters, shared by all calls of a registry (Micrometer meters are thread-safe). */
public final class PipelineMetrics {
    private final Counter bargeIns;
    private final Counter falseInterruptions;
    private final Counter backchannels;
    private final Counter droppedFrames;
    private final Counter providerErrors;
    private final Timer turnLatency;

    public PipelineMetrics(MeterRegistry registry) {
        bargeIns = Counter.builder("sparring.barge.ins").description("Real interruptions of the prospect").register(registry);
        falseInterruptions = Counter.builder("sparring.false.interruptions")
                .description("Pauses of the prospect undone because the speech did not become a turn").register(registry);
        backchannels = Counter.builder("sparring.backchannels").description("Backchannels ignored while the prospect spoke").register(registry);
        droppedFrames = Counter.builder("sparring.pipeline.dropped.frames").description("Data frames of superseded replies").register(registry);
        providerErrors = Counter.builder("sparring.provider.errors").register(registry);
        turnLatency = Timer.builder("sparring.turn.latency")
                .description("Rep's last voiced frame to the prospect's first outbound audio")
                .publishPercentiles(0.5, 0.9, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    void bargeIn() {
        bargeIns.increment();
    }

    void falseInterruption() {
        falseInterruptions.increment();
    }

    void backchannel() {
        backchannels.increment();
    }

    void droppedFrame() {
        droppedFrames.increment();
    }

    void providerError() {
        providerErrors.increment();
    }

    void turnLatency(long millis) {
        turnLatency.record(Duration.ofMillis(millis));
    }
}
