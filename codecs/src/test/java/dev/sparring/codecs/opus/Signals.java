package dev.sparring.codecs.opus;

/** Level and similarity measures for the codec tests. */
final class Signals {

    private Signals() {
    }

    /** RMS level in dBFS of {@code length} samples from {@code from}. */
    static double energyDb(short[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        double rms = Math.sqrt(sum / length);
        return 20 * Math.log10(Math.max(rms, 1e-3) / 32768);
    }

    /** Normalised cross-correlation of {@code a[n]} with {@code b[n + lag]} over their overlap. */
    static double correlation(short[] a, short[] b, int lag) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        int length = Math.min(a.length, b.length - lag);
        for (int n = 0; n < length; n++) {
            double x = a[n];
            double y = b[n + lag];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ab / Math.sqrt(aa * bb + 1e-9);
    }
}
