package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parts of a scenario rubric the media server acts on (KPI weights are the control plane's). */
public record Rubric(
        List<String> requiredPhrases,
        List<Objection> objections,
        Optional<Goal> goal,
        List<Curveball> curveballs,
        List<String> branchingHints) {

    public Rubric {
        requiredPhrases = List.copyOf(requiredPhrases);
        objections = List.copyOf(objections);
        curveballs = List.copyOf(curveballs);
        branchingHints = List.copyOf(branchingHints);
    }

    public static Rubric empty() {
        return new Rubric(List.of(), List.of(), Optional.empty(), List.of(), List.of());
    }

    static Rubric fromJson(JsonNode node) {
        if (!node.isObject()) {
            return empty();
        }
        List<Objection> objections = new ArrayList<>();
        JsonNode list = node.path("objections");
        for (int i = 0; i < list.size(); i++) {
            objections.add(Objection.fromJson(list.get(i), i));
        }
        List<Curveball> curveballs = new ArrayList<>();
        node.path("curveballs").forEach(c -> curveballs.add(
                new Curveball(Json.textOr(c, "label", ""), Json.text(c, "text", "scenario.rubric.curveballs"))));
        JsonNode goal = node.path("goal");
        return new Rubric(Json.strings(node, "required_phrases"), objections,
                goal.isObject() ? Optional.of(Goal.fromJson(goal)) : Optional.empty(),
                curveballs, Json.strings(node, "branching_hints"));
    }
}
