package dev.sparring.controlplane.scoring;

import java.util.Objects;
import java.util.Optional;

/**
 * How much one KPI counts in the total and, for range KPIs, its target.
 *
 * @param weight any positive number; weights are normalised over the KPIs that apply to a call
 * @param target required for {@link Kpi.Kind#RANGE} KPIs; {@link Rubric} drops it for share KPIs
 */
public record KpiWeight(double weight, Optional<TargetRange> target) {

    public KpiWeight {
        Objects.requireNonNull(target, "target");
        if (!Double.isFinite(weight) || weight <= 0) {
            throw new RubricException("weight must be a positive number, got " + weight);
        }
    }

    public static KpiWeight of(double weight, double lo, double hi) {
        return new KpiWeight(weight, Optional.of(new TargetRange(lo, hi)));
    }

    public static KpiWeight share(double weight) {
        return new KpiWeight(weight, Optional.empty());
    }
}
