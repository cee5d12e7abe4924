package dev.sparring.codecs.vad;

import java.util.Random;

/**
 * Deterministic synthetic audio at 16 kHz for the VAD tests: Gaussian white noise and a
 * speech-like signal (a harmonic series on a drifting pitch, shaped by two formant-like peaks and
 * modulated at a syllabic rate of 4 Hz).
 */
final class SyntheticAudio {

    static final int RATE = 16_000;

    private SyntheticAudio() {
    }

    static double[] noise(int samples, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        double scale = 32768 * Math.pow(10, rmsDbfs / 20);
        double[] out = new double[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = random.nextGaussian() * scale;
        }
        return out;
    }

    /** A speech-like burst whose overall RMS level is {@code rmsDbfs}. */
    static double[] speechLike(int samples, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        double pitchBase = 110 + random.nextDouble() * 70;
        double[] out = new double[samples];
        double phase = 0;
        for (int n = 0; n < samples; n++) {
            double t = (double) n / RATE;
            double pitch = pitchBase * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * pitch / RATE;
            double voiced = 0;
            for (int k = 1; k * pitch < 4000; k++) {
                double frequency = k * pitch;
                double formants = formant(frequency, 600, 150) + 0.6 * formant(frequency, 1600, 250);
                voiced += formants * Math.sin(k * phase) / Math.sqrt(k);
            }
            double syllables = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t));
            double attack = Math.min(1.0, t / 0.01);
            out[n] = voiced * syllables * attack;
        }
        return scaleTo(out, rmsDbfs);
    }

    private static double formant(double frequency, double centre, double width) {
        double x = (frequency - centre) / width;
        return 0.15 + Math.exp(-x * x);
    }

    private static double[] scaleTo(double[] signal, double rmsDbfs) {
        double sum = 0;
        for (double s : signal) {
            sum += s * s;
        }
        double rms = Math.sqrt(sum / signal.length);
        double gain = 32768 * Math.pow(10, rmsDbfs / 20) / rms;
        for (int n = 0; n < signal.length; n++) {
            signal[n] *= gain;
        }
        return signal;
    }

    static double[] add(double[] background, double[] foreground, int at) {
        double[] out = background.clone();
        for (int n = 0; n < foreground.length && at + n < out.length; n++) {
            out[at + n] += foreground[n];
        }
        return out;
    }

    static short[] toPcm(double[] signal) {
        short[] out = new short[signal.length];
        for (int n = 0; n < signal.length; n++) {
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(signal[n])));
        }
        return out;
    }

    static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] out = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
