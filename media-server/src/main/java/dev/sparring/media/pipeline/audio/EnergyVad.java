package dev.sparring.media.pipeline.audio;

/**
 * Frame-level voice activity by RMS energy against a fixed threshold. Stateless per frame; the
 * timing logic (speech start/stop hangovers) lives in the callers, which own their own state.
 */
public final class EnergyVad {
    /** RMS above which a 16 kHz PCM16 frame counts as voiced (≈ −42 dBFS; phone line noise is far below). */
    public static final double DEFAULT_THRESHOLD = 260;
    private final double threshold;

    public EnergyVad(double threshold) {
        this.threshold = threshold;
    }

    public EnergyVad() {
        this(DEFAULT_THRESHOLD);
    }

    public boolean voiced(short[] frame) {
        return Pcm.rms(frame, 0, frame.length) > threshold;
    }
}
