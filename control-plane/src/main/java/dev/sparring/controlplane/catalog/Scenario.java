package dev.sparring.controlplane.catalog;

import com.fasterxml.jackson.databind.JsonNode;
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
                       String companySize, String industry, JsonNode rubric) {

    public Scenario {
        rubric = rubric.deepCopy();
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
                reader.node().get("rubric"));
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
        return document;
    }
}
