package dev.sparring.media.pipeline;

/** All pipeline settings of a call. */
public record PipelineConfig(TurnTakingConfig turnTaking, PlayoutConfig playout) {
    public static PipelineConfig defaults() {
        return new PipelineConfig(TurnTakingConfig.defaults(), PlayoutConfig.defaults());
    }
}
