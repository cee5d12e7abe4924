package dev.sparring.controlplane.scoring;

/** An inclusive target range {@code [lo, hi]} for a {@link Kpi.Kind#RANGE} KPI. */
public record TargetRange(double lo, double hi) {

    public TargetRange {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new RubricException("target bounds must be finite numbers, got [" + lo + ", " + hi + "]");
        }
        if (lo > hi) {
            throw new RubricException("target lower bound " + lo + " is above upper bound " + hi);
        }
    }

    public boolean contains(double value) {
        return value >= lo && value <= hi;
    }

    public double width() {
        return hi - lo;
    }
}
