package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A scenario as in {@code config/scenarios/<id>.yaml} (and in the session JSON). */
public record Scenario(
        String id,
        String title,
        String description,
        String personaId,
        int difficulty,
        String companySize,
        String industry,
        Rubric rubric,
        Map<String, String> providers) {

    public Scenario {
        providers = Map.copyOf(providers);
    }

    /**
     * What the scenario chose instead of the server's defaults ({@code pipeline}: cascaded or realtime;
     * {@code stt}, {@code llm}, {@code tts}: a provider name), validated by the control plane.
     */
    public Optional<String> provider(String part) {
        return Optional.ofNullable(providers.get(part));
    }

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
                Rubric.fromJson(node.path("rubric")),
                providers(node.path("providers")));
    }

    private static Map<String, String> providers(JsonNode node) {
        Map<String, String> choices = new TreeMap<>();
        node.properties().forEach(e -> choices.put(e.getKey(), e.getValue().asText()));
        return choices;
    }
}
