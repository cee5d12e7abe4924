package dev.sparring.codecs.pcm;

import java.util.Objects;

/**
 * Signal levels of PCM16 audio in dBFS, where 0 dBFS is a sample magnitude of 32768. By this
 * convention a full-scale square wave has an RMS level of 0 dBFS and a full-scale sine -3.01 dBFS.
 * Digital silence reports {@link #SILENCE_DBFS} rather than negative infinity so levels can be
 * averaged and compared without special cases. Stateless and thread-safe.
 */
public final class Levels {

    /** The level reported for an all-zero range: below anything a 16-bit signal can carry (-90.3 dBFS). */
    public static final double SILENCE_DBFS = -120.0;

    private static final double FULL_SCALE = 32768.0;

    private Levels() {
    }

    /**
     * @return the root-mean-square of the range in sample units (0..32768); 0 for an empty range
     * @throws IndexOutOfBoundsException if the range lies outside the array
     */
    public static double rms(short[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (length == 0) {
            return 0.0;
        }
        long sum = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            int s = samples[i];
            sum += s * s;
        }
        return Math.sqrt((double) sum / length);
    }

    /** @return the RMS level of the range in dBFS, at least {@link #SILENCE_DBFS} */
    public static double rmsDbfs(short[] samples, int offset, int length) {
        return toDbfs(rms(samples, offset, length));
    }

    /** @return the largest sample magnitude in the range (0..32768) */
    public static int peak(short[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        int peak = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }

    /** @return the peak level of the range in dBFS, at least {@link #SILENCE_DBFS} */
    public static double peakDbfs(short[] samples, int offset, int length) {
        return toDbfs(peak(samples, offset, length));
    }

    /**
     * @param thresholdDbfs level below which audio counts as silence, for example -50
     * @return whether the RMS level of the range is below the threshold
     */
    public static boolean isSilent(short[] samples, int offset, int length, double thresholdDbfs) {
        return rmsDbfs(samples, offset, length) < thresholdDbfs;
    }

    /**
     * @param magnitude a level in sample units
     * @return the level in dBFS, at least {@link #SILENCE_DBFS}
     */
    public static double toDbfs(double magnitude) {
        if (magnitude <= 0) {
            return SILENCE_DBFS;
        }
        return Math.max(SILENCE_DBFS, 20 * Math.log10(magnitude / FULL_SCALE));
    }

    /**
     * @param dbfs a level in dBFS
     * @return the level in sample units
     */
    public static double fromDbfs(double dbfs) {
        return FULL_SCALE * Math.pow(10, dbfs / 20);
    }
}
