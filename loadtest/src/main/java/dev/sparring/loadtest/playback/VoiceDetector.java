package dev.sparring.loadtest.playback;

import dev.sparring.codecs.g711.MuLaw;

/**
 * Decides whether a stretch of μ-law audio is speech by its RMS level (see
 * {@link PlaybackConfig#speechRmsThreshold()}). Stateless and thread-safe.
 */
public final class VoiceDetector {

    private final long thresholdSquaredTimesOne;

    /** @param rmsThreshold linear RMS above which audio counts as voiced */
    public VoiceDetector(int rmsThreshold) {
        this.thresholdSquaredTimesOne = (long) rmsThreshold * rmsThreshold;
    }

    /**
     * @return true when the RMS of the decoded samples {@code [offset, offset + length)} exceeds the
     *     threshold; false for an empty range
     */
    public boolean voiced(byte[] mulaw, int offset, int length) {
        if (length <= 0) {
            return false;
        }
        long sumOfSquares = 0;
        for (int i = offset; i < offset + length; i++) {
            int sample = MuLaw.decode(mulaw[i]);
            sumOfSquares += (long) sample * sample;
        }
        // Compare mean square with threshold² to avoid a square root per slice.
        return sumOfSquares > thresholdSquaredTimesOne * length;
    }
}
