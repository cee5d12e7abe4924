package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A persona as in {@code config/personas/<id>.yaml} (and in the session JSON). */
public record Persona(
        String id,
        String name,
        String role,
        String companyContext,
        List<String> personalityTraits,
        String communicationStyle,
        List<String> objectionPatterns,
        int difficulty,
        Map<String, String> voice,
        String firstMessage,
        Optional<String> promptTemplate,
        Reactions reactions,
        Map<String, String> models) {

    public Persona {
        personalityTraits = List.copyOf(personalityTraits);
        objectionPatterns = List.copyOf(objectionPatterns);
        voice = Map.copyOf(voice);
        models = Map.copyOf(models);
    }

    /** The persona's own model for a provider ({@code deepgram}, {@code openai}, {@code openai_realtime}, {@code elevenlabs}). */
    public Optional<String> modelFor(String provider) {
        return Optional.ofNullable(models.get(provider));
    }

    /** The voice name for a TTS provider family ({@code local}, {@code openai}, {@code elevenlabs}). */
    public Optional<String> voiceFor(String provider) {
        return Optional.ofNullable(voice.get(provider));
    }

    public static Persona fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidSessionException("persona must be an object");
        }
        Map<String, String> voice = new LinkedHashMap<>();
        node.path("voice").properties().forEach(e -> voice.put(e.getKey(), e.getValue().asText()));
        return new Persona(
                Json.text(node, "id", "persona"),
                Json.text(node, "name", "persona"),
                Json.textOr(node, "role", ""),
                Json.textOr(node, "company_context", ""),
                Json.strings(node, "personality_traits"),
                Json.textOr(node, "communication_style", ""),
                Json.strings(node, "objection_patterns"),
                Json.intOr(node, "difficulty", 3),
                voice,
                Json.text(node, "first_message", "persona"),
                Json.optText(node, "prompt_template"),
                Reactions.fromJson(node.path("reactions")),
                models(node.path("models")));
    }

    private static Map<String, String> models(JsonNode node) {
        Map<String, String> models = new LinkedHashMap<>();
        node.properties().forEach(e -> models.put(e.getKey(), e.getValue().asText()));
        return models;
    }
}
