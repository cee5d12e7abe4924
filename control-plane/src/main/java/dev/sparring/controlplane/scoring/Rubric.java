package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A scenario's scoring rubric (see the rubric format in the scenario YAML). A KPI absent from
 * {@link #kpis()} is not scored. Validation happens here, so a rubric that constructs can always score.
 *
 * @param kpis            weighted KPIs, iterated in {@link Kpi} order
 * @param requiredPhrases phrases the rep must say; must be non-empty when {@link Kpi#REQUIRED_PHRASES} is weighted
 * @param objections      objections the persona may raise; non-empty when {@link Kpi#OBJECTIONS} is weighted
 * @param goal            the call goal; present when {@link Kpi#GOAL} is weighted
 */
public record Rubric(Map<Kpi, KpiWeight> kpis, List<String> requiredPhrases, List<Objection> objections,
                     Optional<Goal> goal) {

    public Rubric {
        Objects.requireNonNull(goal, "goal");
        EnumMap<Kpi, KpiWeight> ordered = new EnumMap<>(Kpi.class);
        ordered.putAll(kpis);
        for (Map.Entry<Kpi, KpiWeight> entry : ordered.entrySet()) {
            String field = "rubric.kpis." + entry.getKey().key() + ".target";
            boolean hasTarget = entry.getValue().target().isPresent();
            if (entry.getKey().kind() == Kpi.Kind.RANGE && !hasTarget) {
                throw new RubricException(field + " is required: [lo, hi]");
            }
            if (entry.getKey().kind() == Kpi.Kind.SHARE && hasTarget) {
                throw new RubricException(field + " is not allowed: " + entry.getKey().key()
                        + " is a share scored 0..100 directly");
            }
        }
        kpis = Collections.unmodifiableMap(ordered);
        requiredPhrases = ordered.containsKey(Kpi.REQUIRED_PHRASES)
                ? Phrases.requireUsable(requiredPhrases, "rubric.required_phrases")
                : Phrases.requireUsableOrEmpty(requiredPhrases, "rubric.required_phrases");
        objections = List.copyOf(objections);
        if (ordered.containsKey(Kpi.OBJECTIONS) && objections.isEmpty()) {
            throw new RubricException("rubric.objections must list at least one objection when kpis.objections is weighted");
        }
        Set<String> ids = new HashSet<>();
        for (Objection objection : objections) {
            if (!ids.add(objection.id())) {
                throw new RubricException("rubric.objections has a duplicate id \"" + objection.id() + "\"");
            }
        }
        if (ordered.containsKey(Kpi.GOAL) && goal.isEmpty()) {
            throw new RubricException("rubric.goal is required when kpis.goal is weighted");
        }
    }

    /** A rubric that scores nothing; metrics are still computed. */
    public static Rubric none() {
        return new Rubric(Map.of(), List.of(), List.of(), Optional.empty());
    }

    /**
     * Parses the {@code rubric} object of a scenario (as JSON, or YAML read by Jackson). Unknown top-level
     * fields (curveballs, branching hints, persona lines) are ignored; an unknown KPI name is an error.
     *
     * @throws RubricException naming the offending field
     */
    public static Rubric fromJson(JsonNode rubric) {
        return RubricParser.parse(rubric);
    }
}
