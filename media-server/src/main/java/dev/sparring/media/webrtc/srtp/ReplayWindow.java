package dev.sparring.media.webrtc.srtp;

import java.util.Arrays;

/**
 * A sliding bitmap of which packet indices at or just below the highest accepted index were
 * received (RFC 3711 §3.3.2). Bit {@code d} stands for index {@code highest - d}.
 *
 * <p>Not thread-safe: owned by one SSRC's receive state inside an {@link SrtpContext}.
 */
final class ReplayWindow {
    /** Packets tolerated behind the newest one: 2.5 s of 20 ms audio, as libsrtp's default. */
    static final int SIZE = 128;

    private final long[] words = new long[SIZE / 64];

    boolean seen(long delta) {
        return delta < SIZE && (words[(int) (delta >>> 6)] & (1L << (delta & 63))) != 0;
    }

    void mark(long delta) {
        if (delta < SIZE) {
            words[(int) (delta >>> 6)] |= 1L << (delta & 63);
        }
    }

    /** The highest index moved up by {@code shift}; the new highest is marked as received. */
    void advance(long shift) {
        if (shift >= SIZE) {
            Arrays.fill(words, 0L);
        } else if (shift > 0) {
            int wordShift = (int) (shift >>> 6);
            int bitShift = (int) (shift & 63);
            for (int i = words.length - 1; i >= 0; i--) {
                int src = i - wordShift;
                long value = 0;
                if (src >= 0) {
                    value = words[src] << bitShift;
                    if (bitShift != 0 && src - 1 >= 0) {
                        value |= words[src - 1] >>> (64 - bitShift);
                    }
                }
                words[i] = value;
            }
        }
        mark(0);
    }
}
