package dev.sparring.codecs.pcm;

import java.util.Objects;

/**
 * Mixing and gain for PCM16 with saturation: results beyond the 16-bit range are clamped to
 * -32768..32767 instead of wrapping around (which would be a loud click). Stateless and
 * thread-safe; every method works in place or into a caller-provided array.
 */
public final class Mixer {

    private Mixer() {
    }

    /**
     * Writes {@code a + b}, saturated, into {@code destination}. The destination range may be the
     * same as either source range.
     *
     * @throws IndexOutOfBoundsException if any range lies outside its array
     */
    public static void mix(short[] a, int aOffset, short[] b, int bOffset,
            short[] destination, int destinationOffset, int length) {
        Objects.checkFromIndexSize(aOffset, length, a.length);
        Objects.checkFromIndexSize(bOffset, length, b.length);
        Objects.checkFromIndexSize(destinationOffset, length, destination.length);
        for (int i = 0; i < length; i++) {
            destination[destinationOffset + i] = saturate(a[aOffset + i] + b[bOffset + i]);
        }
    }

    /**
     * Adds {@code source} into {@code accumulator}, saturated.
     *
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void mixInto(short[] accumulator, int accumulatorOffset, short[] source, int sourceOffset, int length) {
        mix(accumulator, accumulatorOffset, source, sourceOffset, accumulator, accumulatorOffset, length);
    }

    /**
     * Scales the range in place by {@code gainDb} decibels, rounding and saturating.
     *
     * @throws IndexOutOfBoundsException if the range lies outside the array
     */
    public static void applyGain(short[] samples, int offset, int length, double gainDb) {
        applyLinearGain(samples, offset, length, dbToLinear(gainDb));
    }

    /**
     * Scales the range in place by {@code factor} (1.0 leaves it unchanged), rounding and
     * saturating. Uses a Q16 fixed-point factor so the loop is integer-only.
     *
     * @throws IndexOutOfBoundsException if the range lies outside the array
     * @throws IllegalArgumentException if the factor is negative, not finite or above 32767
     */
    public static void applyLinearGain(short[] samples, int offset, int length, double factor) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (!(factor >= 0 && factor <= Short.MAX_VALUE)) {
            throw new IllegalArgumentException("gain factor must be within 0..32767: " + factor);
        }
        long q16 = Math.round(factor * 65536);
        for (int i = offset, end = offset + length; i < end; i++) {
            samples[i] = saturate((samples[i] * q16 + 32768) >> 16);
        }
    }

    /** @return the linear factor for a gain in decibels (6.02 dB doubles the amplitude) */
    public static double dbToLinear(double gainDb) {
        return Math.pow(10, gainDb / 20);
    }

    /** @return the value clamped to the PCM16 range */
    public static short saturate(long value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    /** @return the value clamped to the PCM16 range */
    public static short saturate(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
