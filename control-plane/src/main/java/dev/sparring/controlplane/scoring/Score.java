package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A scored call: the 0..100 total, the per-KPI breakdown in {@link Kpi} order, and the raw metrics.
 *
 * <p>{@link #toJson()} has a stable shape; every key is always present, {@code null} when it does not
 * apply. Numbers are rounded to two decimals and written without a fraction when whole; keys are in
 * the fixed order below, so the same score always serialises to the same bytes:
 * <pre>{@code
 * {"version": 1, "total": 87, "empty": false,
 *  "kpis": {                                  // only the rubric's KPIs, in Kpi order
 *    "talk_ratio": {"value": 45.2, "display": "45:55", "target": [35, 55], "score": 100, "weight": 15, "reason": null},
 *    "patience":   {"value": null, "display": "n/a", "target": [0.4, 2], "score": null, "weight": 5,
 *                   "reason": "the rep never answered the prospect"},
 *    "goal":       {"value": 100, "display": "reached", "target": null, "score": 100, "weight": 10, "reason": null}},
 *  "details": {
 *    "talk": {"rep_ms": 90000, "prospect_ms": 110000, "call_ms": 240000},
 *    "fillers": {"total": 3, "per_minute": 2, "breakdown": {"um": 2, "uh": 0, "like": 1, "you know": 0,
 *                "basically": 0, "actually": 0, "sort of": 0, "kind of": 0, "i mean": 0}},
 *    "pace": {"rep_words": 210, "words_per_minute": 140},
 *    "monologue": {"longest_s": 38.5, "start_ms": 1200, "end_ms": 39700},
 *    "questions": {"open": 3, "closed": 2, "asked": [{"text": "What rate were you quoted?", "kind": "open", "at_ms": 5000}]},
 *    "interruptions": {"by_rep": 1, "by_prospect": 0, "barge_ins": 1},
 *    "patience": {"median_s": 0.7, "gaps_s": [0.5, 0.7, 1.1]},
 *    "interactivity": {"switches": 12, "per_minute": 3},
 *    "required_phrases": {"said": ["my name is"], "missing": ["nmls"]},      // null when the rubric lists none
 *    "objections": [{"id": "rate", "raised": true, "addressed": true, "raised_at_ms": 8000, "addressed_at_ms": 9500}],
 *    "goal": {"reached": false, "asked_at_ms": 60000, "agreed_at_ms": null}}}  // null when the rubric has no goal
 * }</pre>
 * {@code version} changes whenever a rule or this shape changes, so stored scores say which rules made them.
 *
 * @param total   weighted 0..100 total
 * @param empty   whether the call had no utterances (then {@code total} is 0 and no KPI applies)
 * @param kpis    the breakdown, one entry per rubric KPI
 * @param metrics everything measured
 */
public record Score(int total, boolean empty, List<KpiScore> kpis, CallMetrics metrics) {

    /** The version of the scoring rules and JSON shape. */
    public static final int VERSION = 1;

    public Score {
        kpis = List.copyOf(kpis);
    }

    public Optional<KpiScore> kpi(Kpi kpi) {
        return kpis.stream().filter(k -> k.kpi() == kpi).findFirst();
    }

    public ObjectNode toJson() {
        return ScoreJson.write(this);
    }

    /** The compact JSON text of {@link #toJson()}: identical bytes for identical scores. */
    public String toJsonString() {
        return ScoreJson.text(toJson());
    }
}
