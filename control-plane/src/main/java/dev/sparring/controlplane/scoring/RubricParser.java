package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the rubric JSON into a {@link Rubric}, reporting type errors with the JSON path of the bad field. */
final class RubricParser {

    private static final String KNOWN_KPIS = Arrays.stream(Kpi.values()).map(Kpi::key)
            .collect(Collectors.joining(", "));

    private RubricParser() {
    }

    static Rubric parse(JsonNode rubric) {
        if (rubric == null || !rubric.isObject()) {
            throw new RubricException("rubric must be an object");
        }
        return new Rubric(kpis(rubric.path("kpis")),
                strings(rubric.path("required_phrases"), "rubric.required_phrases"),
                objections(rubric.path("objections")),
                goal(rubric.path("goal")));
    }

    private static Map<Kpi, KpiWeight> kpis(JsonNode node) {
        Map<Kpi, KpiWeight> kpis = new EnumMap<>(Kpi.class);
        if (absent(node)) {
            return kpis;
        }
        if (!node.isObject()) {
            throw new RubricException("rubric.kpis must be an object of KPI name to {weight, target}");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = "rubric.kpis." + field.getKey();
            Kpi kpi = Kpi.fromKey(field.getKey()).orElseThrow(() ->
                    new RubricException(path + " is not a known KPI (known: " + KNOWN_KPIS + ")"));
            kpis.put(kpi, kpiWeight(field.getValue(), path));
        }
        return kpis;
    }

    private static KpiWeight kpiWeight(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new RubricException(path + " must be an object {weight, target}");
        }
        JsonNode weight = node.path("weight");
        if (!weight.isNumber() || !Double.isFinite(weight.asDouble()) || weight.asDouble() <= 0) {
            throw new RubricException(path + ".weight must be a positive number, got " + describe(weight));
        }
        JsonNode target = node.path("target");
        if (absent(target)) {
            return new KpiWeight(weight.asDouble(), Optional.empty());
        }
        if (!target.isArray() || target.size() != 2 || !target.get(0).isNumber() || !target.get(1).isNumber()) {
            throw new RubricException(path + ".target must be [lo, hi] with two numbers, got " + describe(target));
        }
        double lo = target.get(0).asDouble();
        double hi = target.get(1).asDouble();
        if (lo > hi) {
            throw new RubricException(path + ".target lower bound " + lo + " is above upper bound " + hi);
        }
        return new KpiWeight(weight.asDouble(), Optional.of(new TargetRange(lo, hi)));
    }

    private static List<Objection> objections(JsonNode node) {
        List<Objection> objections = new ArrayList<>();
        if (absent(node)) {
            return objections;
        }
        if (!node.isArray()) {
            throw new RubricException("rubric.objections must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "rubric.objections[" + i + "]";
            JsonNode objection = node.get(i);
            if (!objection.isObject()) {
                throw new RubricException(path + " must be an object {id, keywords, addressed_when}");
            }
            JsonNode id = objection.path("id");
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new RubricException(path + ".id is missing or not a non-blank string");
            }
            objections.add(new Objection(id.asText(),
                    nonEmptyStrings(objection.path("keywords"), path + ".keywords"),
                    nonEmptyStrings(objection.path("addressed_when"), path + ".addressed_when")));
        }
        return objections;
    }

    private static Optional<Goal> goal(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new RubricException("rubric.goal must be an object {description, rep_asks, prospect_agrees}");
        }
        JsonNode description = node.path("description");
        if (!absent(description) && !description.isTextual()) {
            throw new RubricException("rubric.goal.description must be a string");
        }
        return Optional.of(new Goal(description.asText(""),
                nonEmptyStrings(node.path("rep_asks"), "rubric.goal.rep_asks"),
                nonEmptyStrings(node.path("prospect_agrees"), "rubric.goal.prospect_agrees")));
    }

    private static List<String> nonEmptyStrings(JsonNode node, String path) {
        List<String> strings = strings(node, path);
        if (strings.isEmpty()) {
            throw new RubricException(path + " must list at least one phrase");
        }
        return strings;
    }

    private static List<String> strings(JsonNode node, String path) {
        List<String> strings = new ArrayList<>();
        if (absent(node)) {
            return strings;
        }
        if (!node.isArray()) {
            throw new RubricException(path + " must be a list of strings");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new RubricException(path + "[" + i + "] must be a string, got " + describe(item));
            }
            if (Phrases.tokens(item.asText()).isEmpty()) {
                throw new RubricException(path + "[" + i + "] has no words to match: \"" + item.asText() + "\"");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.toString();
    }
}
