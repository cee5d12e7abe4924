package dev.sparring.codecs.vad;

import java.time.Duration;

/**
 * Settings of {@link EnergyVad}. {@link #DEFAULTS} suits telephone and browser speech; the
 * defaults are, field by field:
 *
 * @param marginDb how far above the noise floor a frame must be to count as speech; default 10 dB
 * @param absoluteThresholdDbfs frames below this level never count as speech, however quiet the
 *     floor (keeps dither and line hiss out of digital silence); default -55 dBFS
 * @param minimumFloorDbfs the floor estimate never goes below this, so a burst of digital
 *     silence does not leave the detector hypersensitive; default -75 dBFS
 * @param floorRiseTime time constant with which the floor rises towards louder frames (slow, so
 *     speech does not become the floor; a step up in background noise is learnt in about
 *     {@code floorRiseTime * ln(step / marginDb)}); default 3 s
 * @param floorFallTime time constant with which the floor falls towards quieter frames (fast, so
 *     pauses re-anchor it); default 40 ms
 * @param onsetFrames consecutive loud frames needed before speech starts, so clicks do not count;
 *     default 3 (60 ms)
 * @param hangoverFrames quiet frames still counted as speech after the last loud one, bridging
 *     gaps between words; default 15 (300 ms). End-of-turn silence is a separate, longer setting
 *     of the pipeline
 * @param slopeDb softness of {@link VadResult#probability()}: the score moves from 0.27 to 0.73
 *     over plus or minus this many dB around the threshold; default 2 dB
 */
public record EnergyVadConfig(
        double marginDb,
        double absoluteThresholdDbfs,
        double minimumFloorDbfs,
        Duration floorRiseTime,
        Duration floorFallTime,
        int onsetFrames,
        int hangoverFrames,
        double slopeDb) {

    /** The documented defaults. */
    public static final EnergyVadConfig DEFAULTS = new EnergyVadConfig(
            10.0, -55.0, -75.0, Duration.ofSeconds(3), Duration.ofMillis(40), 3, 15, 2.0);

    /**
     * @throws IllegalArgumentException naming the first setting that is out of range
     */
    public EnergyVadConfig {
        require(marginDb > 0, "marginDb must be positive: " + marginDb);
        require(absoluteThresholdDbfs <= 0, "absoluteThresholdDbfs must be at most 0: " + absoluteThresholdDbfs);
        require(minimumFloorDbfs <= 0, "minimumFloorDbfs must be at most 0: " + minimumFloorDbfs);
        require(floorRiseTime.isPositive(), "floorRiseTime must be positive: " + floorRiseTime);
        require(floorFallTime.isPositive(), "floorFallTime must be positive: " + floorFallTime);
        require(onsetFrames >= 1, "onsetFrames must be at least 1: " + onsetFrames);
        require(hangoverFrames >= 0, "hangoverFrames must not be negative: " + hangoverFrames);
        require(slopeDb > 0, "slopeDb must be positive: " + slopeDb);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
