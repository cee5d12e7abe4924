package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The scenario's goal.
 *
 * @param repAsks        a rep utterance with any of these asks for the goal
 * @param prospectAgrees a prospect utterance with any of these reaches it
 * @param agreementLine  what the scripted persona says when it agrees
 */
public record Goal(String description, List<String> repAsks, List<String> prospectAgrees, String agreementLine) {
    public Goal {
        repAsks = List.copyOf(repAsks);
        prospectAgrees = List.copyOf(prospectAgrees);
    }

    static Goal fromJson(JsonNode node) {
        return new Goal(Json.textOr(node, "description", ""), Json.strings(node, "rep_asks"),
                Json.strings(node, "prospect_agrees"), Json.text(node, "agreement_line", "scenario.rubric.goal"));
    }
}
