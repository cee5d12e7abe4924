package dev.sparring.controlplane.scoring;

import java.util.Optional;

/**
 * The KPIs a rubric can weight, in the fixed order every score lists them. {@link Kind#RANGE} KPIs are
 * measured and compared with a target range; {@link Kind#SHARE} KPIs are already a 0..100 share and map
 * directly to their sub-score.
 */
public enum Kpi {
    /** Rep percentage of all speaking time. */
    TALK_RATIO("talk_ratio", Kind.RANGE),
    /** Rep filler words per rep speaking minute. */
    FILLER_RATE("filler_rate", Kind.RANGE),
    /** Rep words per rep speaking minute. */
    PACE("pace", Kind.RANGE),
    /** Longest rep monologue, seconds. */
    LONGEST_MONOLOGUE("longest_monologue", Kind.RANGE),
    /** Questions the rep asked. */
    QUESTIONS("questions", Kind.RANGE),
    /** Times the rep interrupted the prospect. */
    INTERRUPTIONS("interruptions", Kind.RANGE),
    /** Median seconds between the prospect stopping and the rep starting. */
    PATIENCE("patience", Kind.RANGE),
    /** Speaker switches per minute of call. */
    INTERACTIVITY("interactivity", Kind.RANGE),
    /** Percentage of the rubric's required phrases the rep said. */
    REQUIRED_PHRASES("required_phrases", Kind.SHARE),
    /** Percentage of raised objections the rep addressed. */
    OBJECTIONS("objections", Kind.SHARE),
    /** 100 when the goal was reached, else 0. */
    GOAL("goal", Kind.SHARE);

    /** How a KPI's value becomes its sub-score. */
    public enum Kind { RANGE, SHARE }

    private final String key;
    private final Kind kind;

    Kpi(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** The rubric and score JSON key, e.g. {@code talk_ratio}. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Kpi> fromKey(String key) {
        for (Kpi kpi : values()) {
            if (kpi.key.equals(key)) {
                return Optional.of(kpi);
            }
        }
        return Optional.empty();
    }
}
