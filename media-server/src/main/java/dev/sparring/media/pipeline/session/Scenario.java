package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;

/** A scenario as in {@code config/scenarios/<id>.yaml} (and in the session JSON). */
public record Scenario(
        String id,
        String title,
        String description,
        String personaId,
        int difficulty,
        String companySize,
        String industry,
        Rubric rubric) {

    public static Scenario fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidSessionException("scenario must be an object");
        }
        return new Scenario(
                Json.text(node, "id", "scenario"),
                Json.textOr(node, "title", ""),
                Json.textOr(node, "description", ""),
                Json.textOr(node, "persona", ""),
                Json.intOr(node, "difficulty", 3),
                Json.textOr(node, "company_size", ""),
                Json.textOr(node, "industry", ""),
                Rubric.fromJson(node.path("rubric")));
    }
}
