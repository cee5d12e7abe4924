package dev.sparring.controlplane.scoring;

/**
 * Maps a measured value to a 0..100 sub-score against its target range. Inside {@code [lo, hi]} the
 * score is 100. Outside it falls linearly to 0 over a fall-off distance: the larger of the target's
 * width and half the bound that was missed. Taking the larger keeps narrow ranges forgiving and makes
 * wide or far-from-zero ranges proportionate. With the shipped rubric: talk ratio [35, 55] reaches 0 at
 * 15 % and 82.5 %; pace [130, 160] at 65 and 240 wpm; questions [3, 12] scores 67 for no questions;
 * interruptions [0, 1] scores 0 at 2. A point target at zero ({@code [0, 0]}) has no tolerance: any
 * deviation scores 0.
 */
final class RangeScore {

    private RangeScore() {
    }

    static int of(double value, TargetRange target) {
        if (target.contains(value)) {
            return 100;
        }
        double bound = value < target.lo() ? target.lo() : target.hi();
        double distance = Math.abs(value - bound);
        double falloff = Math.max(target.width(), Math.abs(bound) / 2);
        if (falloff == 0) {
            return 0;
        }
        return (int) Math.round(Math.max(0, 100 * (1 - distance / falloff)));
    }
}
