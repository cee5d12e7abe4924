package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An objection of a rubric.
 *
 * @param line          what the persona says to raise it
 * @param keywords      a prospect utterance containing any of these raises it
 * @param addressedWhen a later rep utterance containing any of these addresses it
 */
public record Objection(String id, String line, List<String> keywords, List<String> addressedWhen) {
    public Objection {
        keywords = List.copyOf(keywords);
        addressedWhen = List.copyOf(addressedWhen);
    }

    static Objection fromJson(JsonNode node, int index) {
        String path = "scenario.rubric.objections[" + index + "]";
        return new Objection(Json.text(node, "id", path), Json.text(node, "line", path),
                Json.strings(node, "keywords"), Json.strings(node, "addressed_when"));
    }
}
