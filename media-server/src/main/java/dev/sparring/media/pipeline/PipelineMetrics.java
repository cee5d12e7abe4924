package dev.sparring.media.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's meters, shared by all calls of a registry (Micrometer meters are thread-safe).
 * Also binds the process figures a density run reads from {@code /metrics}: the process's CPU time
 * ({@code process_cpu_time_ns_total}) and JVM memory ({@code jvm_memory_used_bytes}).
 */
public final class PipelineMetrics {
    /** Inbound frames the server throws away (counted by the transport under these names). */
    static final List<String> INBOUND_DROP_COUNTERS = List.of("sparring_inbound_frames_dropped_at_startup",
            "sparring_inbound_frames_late");

    private final Counter bargeIns;
    private final Counter falseInterruptions;
    private final Counter backchannels;
    private final Counter droppedFrames;
    private final Counter providerErrors;
    private final Timer turnLatency;
    private final Map<String, Timer> stages = new LinkedHashMap<>();
    private final Timer serverLatency;
    private final Timer bargeInReaction;
    private final Counter lateChunks;

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
        bargeInReaction = Timer.builder("sparring.barge.in.reaction")
                .description("Onset of the rep's speech over the prospect to the clear that stops the prospect's audio "
                        + "(includes barge-in-min-speech by design)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        lateChunks = Counter.builder("sparring.outbound.chunks.late")
                .description("Outbound audio chunks sent after the caller's buffer ran dry: the pacer fell behind real time")
                .register(registry);
        FunctionCounter.builder("sparring.inbound.frames.dropped", registry, PipelineMetrics::inboundDrops)
                .description("Inbound frames thrown away: over the startup buffer, or arriving after a later one")
                .register(registry);
        ProcessMetrics.bindTo(registry);
    }

    private static double inboundDrops(MeterRegistry registry) {
        double sum = 0;
        for (String name : INBOUND_DROP_COUNTERS) {
            for (Counter c : registry.find(name).counters()) {
                sum += c.count();
            }
        }
        return sum;
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

    void bargeInReaction(long millis) {
        bargeInReaction.record(Duration.ofMillis(millis));
    }

    void lateChunk() {
        lateChunks.increment();
    }

    void serverLatency(long micros) {
        serverLatency.record(Duration.ofNanos(micros * 1_000));
    }
}
