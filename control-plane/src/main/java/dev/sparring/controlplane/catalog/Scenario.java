package dev.sparring.controlplane.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A practice situation, as in {@code config/scenarios/<id>.yaml}. Immutable (the rubric is a private deep copy).
 *
 * @param personaId   id of the persona who plays the prospect
 * @param companySize phrase for the prompt, e.g. "a two-person"
 * @param rubric      KPI weights and targets, required phrases, objections, goal, curveballs, branching hints;
 *                    validated by {@link RubricValidator}; read by the scoring step
 */
public record Scenario(String id, String title, String description, String personaId, int difficulty,
                       String companySize, String industry, JsonNode rubric, Map<String, String> providers) {

    /**
     * What a scenario may choose instead of the media server's defaults: {@code pipeline} (the
     * cascaded STT → LLM → TTS pipeline or OpenAI Realtime speech-to-speech) and the provider of each part.
     */
    public static final Map<String, Set<String>> PROVIDER_CHOICES = Map.of(
            "pipeline", Set.of("cascaded", "realtime"),
            "stt", Set.of("replay", "deepgram"),
            "llm", Set.of("scripted", "openai"),
            "tts", Set.of("local", "elevenlabs"));

    public Scenario {
        rubric = rubric.deepCopy();
        providers = Map.copyOf(providers);
    }

    public Scenario(String id, String title, String description, String personaId, int difficulty,
                    String companySize, String industry, JsonNode rubric) {
        this(id, title, description, personaId, difficulty, companySize, industry, rubric, Map.of());
    }

    @Override
    public JsonNode rubric() {
        return rubric.deepCopy();
    }

    /** The goal's description ({@code rubric.goal.description}), the prompt's {@code {scenario.goal}}. */
    public String goal() {
        return rubric.path("goal").path("description").asText();
    }

    /** Parses and validates a scenario document; errors name {@code source} and the field. */
    public static Scenario fromDocument(JsonNode document, String source) {
        DocumentReader reader = DocumentReader.root(document, source);
        String id = reader.text("id");
        if (!Persona.SLUG.matcher(id).matches()) {
            throw reader.error("id", "must be a slug of a-z, 0-9 and '-' but was '" + id + "'");
        }
        String personaId = reader.text("persona");
        if (!Persona.SLUG.matcher(personaId).matches()) {
            throw reader.error("persona", "must be a persona id (a slug) but was '" + personaId + "'");
        }
        RubricValidator.validate(reader.object("rubric"));
        return new Scenario(id, reader.text("title"), reader.text("description"), personaId,
                reader.integer("difficulty", 1, 5), reader.text("company_size"), reader.text("industry"),
                reader.node().get("rubric"), providers(reader));
    }

    private static Map<String, String> providers(DocumentReader reader) {
        if (!reader.has("providers")) {
            return Map.of();
        }
        DocumentReader section = reader.object("providers");
        Map<String, String> choices = new TreeMap<>();
        section.node().fieldNames().forEachRemaining(part -> {
            Set<String> allowed = PROVIDER_CHOICES.get(part);
            if (allowed == null) {
                throw section.error(part, "is not a provider choice; expected one of " + new TreeSet<>(PROVIDER_CHOICES.keySet()));
            }
            String value = section.text(part);
            if (!allowed.contains(value)) {
                throw section.error(part, "must be one of " + new TreeSet<>(allowed) + " but was '" + value + "'");
            }
            choices.put(part, value);
        });
        return choices;
    }

    /** The scenario in its file format, as JSON: what is stored and what the media server receives. */
    public ObjectNode toDocument() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", id);
        document.put("title", title);
        document.put("description", description);
        document.put("persona", personaId);
        document.put("difficulty", difficulty);
        document.put("company_size", companySize);
        document.put("industry", industry);
        document.set("rubric", rubric.deepCopy());
        if (!providers.isEmpty()) {
            ObjectNode choices = document.putObject("providers");
            providers.forEach(choices::put);
        }
        return document;
    }
}
