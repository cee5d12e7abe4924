package dev.sparring.codecs.resample;

/** Deterministic test signals and measurements for the resampler tests. */
final class Signals {

    private Signals() {
    }

    static short[] sine(double frequency, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return out;
    }

    /** A linear chirp from {@code from} to {@code to} Hz over the whole length. */
    static short[] sweep(double from, double to, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        double seconds = (double) samples / rate;
        for (int n = 0; n < samples; n++) {
            double t = (double) n / rate;
            double phase = 2 * Math.PI * (from * t + (to - from) * t * t / (2 * seconds));
            out[n] = (short) Math.round(amplitude * Math.sin(phase));
        }
        return out;
    }

    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) samples[n] * samples[n];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Amplitude of the component at {@code frequency}, by correlation with a sine/cosine pair. */
    static double amplitudeAt(short[] samples, int from, int to, double frequency, int rate) {
        double re = 0;
        double im = 0;
        for (int n = from; n < to; n++) {
            double w = 2 * Math.PI * frequency * n / rate;
            re += samples[n] * Math.cos(w);
            im += samples[n] * Math.sin(w);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
