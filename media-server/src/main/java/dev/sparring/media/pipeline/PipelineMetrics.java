package dev.sparring.media.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pipeline's meters, shared by all calls of a registry (Micrometer meters are thread-safe). */
public final class PipelineMetrics {
    private final Counter bargeIns;
    private final Counter falseInterruptions;
    private final Counter backchannels;
    private final Counter droppedFrames;
    private final Counter providerErrors;
    private final Timer turnLatency;
    private final Map<String, Timer> stages = new LinkedHashMap<>();
    private final Timer serverLatency;

    /**
     * The stages of a turn's latency, each measured from the rep's last voiced frame:
     * the recogniser's last final arrived, the turn was judged complete, the LLM request was sent,
     * its first token arrived, the first TTS request was sent, its first audio arrived, and the first
     * audio frame was sent to the caller.
     */
    public static final List<String> STAGES = List.of("stt_final", "turn_end", "llm_request", "llm_first_token",
            "tts_request", "tts_first_audio", "first_frame_sent");

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
        for (String stage : STAGES) {
            stages.put(stage, Timer.builder("sparring.turn.stage")
                    .description("Rep's last voiced frame to this stage of the reply")
                    .tag("stage", stage)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry));
        }
        serverLatency = Timer.builder("sparring.turn.server")
                .description("Time a turn spent inside the server between provider events: turn end to LLM request, "
                        + "TTS first audio to first frame sent")
                .publishPercentiles(0.5, 0.95, 0.99)
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

    /** @param stage one of {@link #STAGES} */
    void stage(String stage, long micros) {
        stages.get(stage).record(Duration.ofNanos(micros * 1_000));
    }

    void serverLatency(long micros) {
        serverLatency.record(Duration.ofNanos(micros * 1_000));
    }
}
