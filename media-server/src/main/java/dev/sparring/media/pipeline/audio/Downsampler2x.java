package dev.sparring.media.pipeline.audio;

/**
 * 16 kHz → 8 kHz with a short half-band low-pass so phone audio does not alias.
 * Stateful across calls (keeps the filter history): one instance per direction per call,
 * touched only by the call's executor.
 */
public final class Downsampler2x {
    /** Symmetric 7-tap half-band FIR (odd taps beyond the centre are zero), gain 1. */
    private static final double[] TAPS = {-0.03125, 0, 0.28125, 0.5, 0.28125, 0, -0.03125};
    private final double[] history = new double[TAPS.length];
    private int phase;

    /** Filters and decimates; returns {@code input.length / 2} samples (± 1 across odd calls). */
    public short[] process(short[] input) {
        short[] out = new short[(input.length + (phase == 0 ? 1 : 0)) / 2];
        int o = 0;
        for (short sample : input) {
            System.arraycopy(history, 0, history, 1, history.length - 1);
            history[0] = sample;
            if (phase == 0 && o < out.length) {
                double acc = 0;
                for (int k = 0; k < TAPS.length; k++) {
                    acc += TAPS[k] * history[k];
                }
                out[o++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            }
            phase ^= 1;
        }
        return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }
}
