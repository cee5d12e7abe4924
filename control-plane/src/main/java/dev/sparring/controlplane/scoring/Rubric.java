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
 * It accepts every rubric the catalog's seeding check accepts: a target given for a share KPI is
 * ignored (shares map directly to their sub-score), and a weighted required-phrases or objections KPI
 * with nothing listed simply does not apply to any call.
 *
 * @param kpis            weighted KPIs, iterated in {@link Kpi} order
 * @param requiredPhrases phrases the rep must say
 * @param objections      objections the persona may raise, with unique ids
 * @param goal            the call goal; required when {@link Kpi#GOAL} is weighted
 */
public record Rubric(Map<Kpi, KpiWeight> kpis, List<String> requiredPhrases, List<Objection> objections,
                     Optional<Goal> goal) {

    public Rubric {
        Objects.requireNonNull(goal, "goal");
        EnumMap<Kpi, KpiWeight> ordered = new EnumMap<>(Kpi.class);
        ordered.putAll(kpis);
        for (Map.Entry<Kpi, KpiWeight> entry : ordered.entrySet()) {
            boolean hasTarget = entry.getValue().target().isPresent();
            if (entry.getKey().kind() == Kpi.Kind.RANGE && !hasTarget) {
                throw new RubricException("rubric.kpis." + entry.getKey().key() + ".target is required: [lo, hi]");
            }
            if (entry.getKey().kind() == Kpi.Kind.SHARE && hasTarget) {
                entry.setValue(KpiWeight.share(entry.getValue().weight()));
            }
        }
        kpis = Collections.unmodifiableMap(ordered);
        requiredPhrases = Phrases.requireUsableOrEmpty(requiredPhrases, "rubric.required_phrases");
        objections = List.copyOf(objections);
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
