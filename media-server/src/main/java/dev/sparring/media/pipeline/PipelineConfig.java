package dev.sparring.media.pipeline;

/**
 * All pipeline settings of a call.
 *
 * @param sttFlushTimeoutMs at hang-up, how long the pipeline waits for the recogniser's last
 *                          results (Deepgram {@code CloseStream}) before it ends the call without
 *                          them ({@value #DEFAULT_STT_FLUSH_TIMEOUT_MS} ms: Deepgram answers a
 *                          CloseStream within a few hundred ms; the event loop never waits)
 */
public record PipelineConfig(TurnTakingConfig turnTaking, PlayoutConfig playout, int sttFlushTimeoutMs) {
    public static final int DEFAULT_STT_FLUSH_TIMEOUT_MS = 1_500;

    public PipelineConfig {
        if (sttFlushTimeoutMs <= 0) {
            throw new PipelineException("stt-flush-timeout must be > 0, was " + sttFlushTimeoutMs);
        }
    }

    public PipelineConfig(TurnTakingConfig turnTaking, PlayoutConfig playout) {
        this(turnTaking, playout, DEFAULT_STT_FLUSH_TIMEOUT_MS);
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig(TurnTakingConfig.defaults(), PlayoutConfig.defaults());
    }
}
