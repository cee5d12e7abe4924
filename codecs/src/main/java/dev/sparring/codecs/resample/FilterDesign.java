package dev.sparring.codecs.resample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The immutable polyphase low-pass filter for one rate pair, shared by every {@link Resampler}
 * of that pair (a thousand calls share one table). Designs are cached on first use; the cache is
 * safe to use from any thread.
 *
 * <p>The prototype is a Kaiser-windowed sinc at the up-sampled rate {@code L * inputRate}:
 * pass band to 0.85 of the lower Nyquist frequency, stop band from 1.05 of it, designed for 70 dB
 * attenuation by Kaiser's estimate (63–69 dB measured after Q14 rounding). Aliases therefore
 * land only in the top 5 % below Nyquist, outside the pass band.
 * The coefficients are Q14 integers stored phase by phase and time-reversed, so each output
 * sample is one contiguous integer dot product; every phase sums to exactly 1.0 so a constant
 * input comes out unchanged.
 */
final class FilterDesign {

    /** Fixed-point scale of the coefficients: 14 fractional bits leave headroom in an int sum. */
    static final int COEFFICIENT_BITS = 14;

    static final double PASSBAND_EDGE = 0.85;
    static final double STOPBAND_EDGE = 1.05;
    static final double STOPBAND_ATTENUATION_DB = 70.0;

    /** Largest up- or down-sampling factor accepted, which bounds the coefficient table. */
    static final int MAX_FACTOR = 1024;

    private static final Map<Long, FilterDesign> CACHE = new ConcurrentHashMap<>();

    final int inputRate;
    final int outputRate;
    /** Up-sampling factor L. */
    final int up;
    /** Down-sampling factor M. */
    final int down;
    /** Taps per polyphase branch, K. */
    final int tapsPerPhase;
    /** {@code up * tapsPerPhase} Q14 coefficients: branch p occupies [p*K, p*K+K), time-reversed. */
    final int[] coefficients;
    /** Group delay of the prototype, in samples at the up-sampled rate. */
    final long delayUpsampled;

    private FilterDesign(int inputRate, int outputRate, int up, int down, int tapsPerPhase,
            int[] coefficients, long delayUpsampled) {
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.up = up;
        this.down = down;
        this.tapsPerPhase = tapsPerPhase;
        this.coefficients = coefficients;
        this.delayUpsampled = delayUpsampled;
    }

    static FilterDesign forRates(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException(
                    "sample rates must be positive: " + inputRate + " -> " + outputRate);
        }
        long key = ((long) inputRate << 32) | outputRate;
        return CACHE.computeIfAbsent(key, k -> design(inputRate, outputRate));
    }

    private static FilterDesign design(int inputRate, int outputRate) {
        int gcd = gcd(inputRate, outputRate);
        int up = outputRate / gcd;
        int down = inputRate / gcd;
        if (up > MAX_FACTOR || down > MAX_FACTOR) {
            throw new IllegalArgumentException("rate ratio " + inputRate + " -> " + outputRate
                    + " reduces to " + up + "/" + down + "; factors above " + MAX_FACTOR + " are not supported");
        }
        if (up == 1 && down == 1) {
            return new FilterDesign(inputRate, outputRate, 1, 1, 1, new int[] {1 << COEFFICIENT_BITS}, 0);
        }
        double upsampledRate = (double) up * inputRate;
        double nyquist = Math.min(inputRate, outputRate) / 2.0;
        double transition = (STOPBAND_EDGE - PASSBAND_EDGE) * nyquist;
        double cutoff = (STOPBAND_EDGE + PASSBAND_EDGE) / 2 * nyquist;
        // Kaiser's length estimate for the wanted attenuation and transition width.
        int required = (int) Math.ceil((STOPBAND_ATTENUATION_DB - 7.95)
                / (2.285 * 2 * Math.PI * transition / upsampledRate)) + 1;
        int length = alignedLength(required, up, down);
        long delay = (length - 1) / 2;
        int taps = (length + up - 1) / up;
        double[] prototype = kaiserSinc(length, taps * up, cutoff / upsampledRate, delay);
        return new FilterDesign(inputRate, outputRate, up, down, taps,
                quantise(prototype, up, taps), delay);
    }

    /**
     * Picks an odd length whose group delay {@code (N-1)/2} is a multiple of {@code L*M}, so the
     * latency is a whole number of both input and output samples, unless that would make the
     * filter much longer than needed (only for unusual ratios such as 44.1 kHz to 8 kHz).
     */
    private static int alignedLength(int required, int up, int down) {
        long period = 2L * up * down;
        long aligned = ((required - 1 + period - 1) / period) * period + 1;
        if (aligned <= required + required / 4 + 2) {
            return (int) aligned;
        }
        return required | 1;
    }

    private static double[] kaiserSinc(int length, int paddedLength, double normalisedCutoff, long delay) {
        double beta = 0.1102 * (STOPBAND_ATTENUATION_DB - 8.7);
        double denominator = besselI0(beta);
        double[] h = new double[paddedLength];
        for (int n = 0; n < length; n++) {
            double t = n - delay;
            double x = 2 * normalisedCutoff * t;
            double sinc = t == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
            double ratio = (2.0 * n / (length - 1)) - 1.0;
            double window = besselI0(beta * Math.sqrt(Math.max(0.0, 1.0 - ratio * ratio))) / denominator;
            h[n] = 2 * normalisedCutoff * sinc * window;
        }
        return h;
    }

    /**
     * Splits the prototype into L branches, normalises each branch to unit DC gain, reverses it
     * for a forward dot product and rounds to Q14, putting the rounding residue on the largest tap
     * so every branch sums to exactly {@code 1 << 14}.
     */
    private static int[] quantise(double[] prototype, int up, int taps) {
        int one = 1 << COEFFICIENT_BITS;
        int[] out = new int[up * taps];
        for (int phase = 0; phase < up; phase++) {
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                sum += prototype[phase + k * up];
            }
            int total = 0;
            int largest = 0;
            for (int k = 0; k < taps; k++) {
                int index = phase * taps + (taps - 1 - k);
                out[index] = (int) Math.round(prototype[phase + k * up] / sum * one);
                total += out[index];
                if (Math.abs(out[index]) > Math.abs(out[phase * taps + largest])) {
                    largest = taps - 1 - k;
                }
            }
            out[phase * taps + largest] += one - total;
        }
        return out;
    }

    private static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2;
        for (int k = 1; k < 200 && term > 1e-21 * sum; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
