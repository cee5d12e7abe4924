package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.PipelineException;

/**
 * The {@code voice_settings} sent when a context opens (and in the HTTP request body).
 *
 * @param stability 0..1; default 0.5
 * @param similarityBoost 0..1; default 0.75
 * @param speed 0.7..1.2; default 1.0
 */
public record VoiceSettings(double stability, double similarityBoost, double speed) {
    public static final VoiceSettings DEFAULT = new VoiceSettings(0.5, 0.75, 1.0);

    public VoiceSettings {
        if (stability < 0 || stability > 1 || similarityBoost < 0 || similarityBoost > 1) {
            throw new PipelineException("elevenlabs voice stability and similarity-boost must be within 0..1");
        }
        if (speed < 0.7 || speed > 1.2) {
            throw new PipelineException("elevenlabs voice speed must be within 0.7..1.2, not " + speed);
        }
    }
}
