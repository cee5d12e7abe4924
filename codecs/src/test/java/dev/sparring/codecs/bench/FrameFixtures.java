package dev.sparring.codecs.bench;

import java.util.Random;

/** Deterministic, speech-level input frames for the benchmarks. */
final class FrameFixtures {

    private FrameFixtures() {
    }

    /** {@code samples} of a 440 Hz tone plus noise at about -20 dBFS, at {@code rate}. */
    static short[] pcm(int samples, int rate, long seed) {
        Random random = new Random(seed);
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            double tone = 3000 * Math.sin(2 * Math.PI * 440 * n / rate);
            out[n] = (short) Math.round(tone + random.nextGaussian() * 1000);
        }
        return out;
    }
}
