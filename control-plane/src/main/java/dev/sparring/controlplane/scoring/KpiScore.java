package dev.sparring.controlplane.scoring;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One line of a score's breakdown. A KPI that does not apply to the call (nothing to measure, e.g. a
 * response latency when the rep never answered) has no value and no score, says why in {@code reason},
 * and is left out of the weighted total.
 *
 * @param kpi     the KPI
 * @param value   the measured value in the KPI's unit (percent, per minute, words per minute, seconds, count)
 * @param display the value for people, e.g. {@code "45:55"}, or {@code "n/a"}
 * @param target  the rubric target range; empty for share KPIs
 * @param score   the 0..100 sub-score
 * @param weight  the rubric weight as written
 * @param reason  why the KPI does not apply; empty when it does
 */
public record KpiScore(Kpi kpi, OptionalDouble value, String display, Optional<TargetRange> target,
                       OptionalInt score, double weight, Optional<String> reason) {

    public boolean applicable() {
        return score.isPresent();
    }
}
