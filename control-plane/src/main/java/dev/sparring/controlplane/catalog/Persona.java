package dev.sparring.controlplane.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An AI prospect, as in {@code config/personas/<id>.yaml} (format: docs/catalog-schema). Immutable.
 *
 * @param voice          voice per TTS provider ({@code local}, {@code openai}, {@code elevenlabs})
 * @param promptTemplate the persona's own template; {@link PromptTemplate#DEFAULT} when empty
 * @param reactions      what the scripted persona says per topic; always holds {@link #REQUIRED_REACTIONS}
 */
public record Persona(String id, String name, String role, String companyContext, List<String> personalityTraits,
                      String communicationStyle, List<String> objectionPatterns, int difficulty,
                      Map<String, String> voice, String firstMessage, Optional<String> promptTemplate,
                      Map<String, String> reactions, Map<String, String> models) {

    /** Providers whose model a persona may choose ({@code models:} in its YAML), overriding the server's setting. */
    public static final Set<String> MODEL_PROVIDERS = Set.of("deepgram", "openai", "openai_realtime", "elevenlabs");

    public Persona(String id, String name, String role, String companyContext, List<String> personalityTraits,
                   String communicationStyle, List<String> objectionPatterns, int difficulty,
                   Map<String, String> voice, String firstMessage, Optional<String> promptTemplate,
                   Map<String, String> reactions) {
        this(id, name, role, companyContext, personalityTraits, communicationStyle, objectionPatterns, difficulty,
                voice, firstMessage, promptTemplate, reactions, Map.of());
    }

    static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    public static final List<String> REQUIRED_REACTIONS =
            List.of("price", "rate", "timing", "competitor", "next_step", "unrecognised", "curveball", "closing");

    public Persona {
        personalityTraits = List.copyOf(personalityTraits);
        objectionPatterns = List.copyOf(objectionPatterns);
        voice = Map.copyOf(voice);
        reactions = Map.copyOf(reactions);
        models = Map.copyOf(models);
    }

    /** Parses and validates a persona document; errors name {@code source} and the field. */
    public static Persona fromDocument(JsonNode document, String source) {
        DocumentReader reader = DocumentReader.root(document, source);
        String id = reader.text("id");
        if (!SLUG.matcher(id).matches()) {
            throw reader.error("id", "must be a slug of a-z, 0-9 and '-' but was '" + id + "'");
        }
        Map<String, String> reactions = reader.textMap("reactions");
        for (String required : REQUIRED_REACTIONS) {
            if (!reactions.containsKey(required)) {
                throw reader.error("reactions." + required, "is required");
            }
        }
        if (!reactions.get("curveball").contains("{text}")) {
            throw reader.error("reactions.curveball", "must contain {text}, where the curveball goes");
        }
        Optional<String> template = reader.optionalText("prompt_template");
        template.ifPresent(text -> {
            try {
                PromptTemplate.validate(text);
            } catch (TemplateException e) {
                throw new TemplateException(e.placeholder(),
                        source + ": field 'prompt_template' " + e.getMessage());
            }
        });
        return new Persona(id, reader.text("name"), reader.text("role"), reader.text("company_context"),
                reader.textList("personality_traits"), reader.text("communication_style"),
                reader.textList("objection_patterns"), reader.integer("difficulty", 1, 5),
                reader.textMap("voice"), reader.text("first_message"), template, reactions, models(reader));
    }

    private static Map<String, String> models(DocumentReader reader) {
        if (!reader.has("models")) {
            return Map.of();
        }
        Map<String, String> models = reader.textMap("models");
        models.keySet().forEach(provider -> {
            if (!MODEL_PROVIDERS.contains(provider)) {
                throw reader.error("models", "names '" + provider + "'; expected one of " + new java.util.TreeSet<>(MODEL_PROVIDERS));
            }
        });
        return models;
    }

    /** The persona in its file format, as JSON: what is stored and what the media server receives. */
    public ObjectNode toDocument() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", id);
        document.put("name", name);
        document.put("role", role);
        document.put("company_context", companyContext);
        personalityTraits.forEach(document.putArray("personality_traits")::add);
        document.put("communication_style", communicationStyle);
        objectionPatterns.forEach(document.putArray("objection_patterns")::add);
        document.put("difficulty", difficulty);
        ObjectNode voices = document.putObject("voice");
        voice.keySet().stream().sorted().forEach(key -> voices.put(key, voice.get(key)));
        document.put("first_message", firstMessage);
        promptTemplate.ifPresent(text -> document.put("prompt_template", text));
        if (!models.isEmpty()) {
            ObjectNode modelNode = document.putObject("models");
            models.keySet().stream().sorted().forEach(key -> modelNode.put(key, models.get(key)));
        }
        ObjectNode reactionNode = document.putObject("reactions");
        REQUIRED_REACTIONS.forEach(key -> reactionNode.put(key, reactions.get(key)));
        reactions.keySet().stream().filter(key -> !Set.copyOf(REQUIRED_REACTIONS).contains(key)).sorted()
                .forEach(key -> reactionNode.put(key, reactions.get(key)));
        return document;
    }
}
