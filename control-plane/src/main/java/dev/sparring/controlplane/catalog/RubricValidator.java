package dev.sparring.controlplane.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a scenario rubric's shape so mistakes surface at seeding time, naming the field, instead of as a
 * silently wrong score. The meaning of each KPI belongs to the scoring step.
 */
final class RubricValidator {

    /** KPIs with a target range [lo, hi]. */
    static final Set<String> RANGE_KPIS = Set.of("talk_ratio", "filler_rate", "pace", "longest_monologue",
            "questions", "interruptions", "patience", "interactivity");
    /** KPIs scored as a share or a yes/no, so they take only a weight. */
    static final Set<String> SHARE_KPIS = Set.of("required_phrases", "objections", "goal");

    private RubricValidator() {
    }

    static void validate(DocumentReader rubric) {
        DocumentReader kpis = rubric.object("kpis");
        List<String> names = fieldNames(kpis.node());
        if (names.isEmpty()) {
            throw rubric.error("kpis", "must weigh at least one KPI");
        }
        for (String name : names) {
            DocumentReader kpi = kpis.object(name);
            if (!RANGE_KPIS.contains(name) && !SHARE_KPIS.contains(name)) {
                throw kpis.error(name, "is not a known KPI; known: " + known());
            }
            kpi.positiveNumber("weight");
            if (RANGE_KPIS.contains(name)) {
                validateTarget(kpi);
            }
        }
        rubric.optionalTextList("required_phrases");
        rubric.objectList("objections", false, objection -> {
            String id = objection.text("id");
            if (!Persona.SLUG.matcher(id).matches()) {
                throw objection.error("id", "must be a slug but was '" + id + "'");
            }
            objection.text("line");
            objection.textList("keywords");
            objection.textList("addressed_when");
            return id;
        });
        if (rubric.has("goal")) {
            DocumentReader goal = rubric.object("goal");
            goal.text("description");
            goal.textList("rep_asks");
            goal.textList("prospect_agrees");
            goal.text("agreement_line");
        } else if (names.contains("goal")) {
            throw rubric.error("goal", "is required when kpis.goal has a weight");
        }
        rubric.objectList("curveballs", false, curveball -> {
            curveball.text("label");
            return curveball.text("text");
        });
        rubric.optionalTextList("branching_hints");
    }

    private static void validateTarget(DocumentReader kpi) {
        JsonNode target = kpi.node().get("target");
        if (target == null || !target.isArray() || target.size() != 2 || !target.get(0).isNumber()
                || !target.get(1).isNumber()) {
            throw kpi.error("target", "must be a range [lo, hi] of two numbers");
        }
        if (target.get(0).asDouble() > target.get(1).asDouble()) {
            throw kpi.error("target", "must have lo <= hi but was " + target);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String known() {
        return String.join(", ", new TreeSet<>(Stream.concat(RANGE_KPIS.stream(), SHARE_KPIS.stream()).toList()));
    }
}
