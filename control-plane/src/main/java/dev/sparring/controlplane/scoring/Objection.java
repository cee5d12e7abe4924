package dev.sparring.controlplane.scoring;

import java.util.List;

/**
 * An objection the persona raises. It is raised by a prospect utterance containing any keyword and
 * addressed by a later rep utterance containing any {@code addressedWhen} phrase.
 */
public record Objection(String id, List<String> keywords, List<String> addressedWhen) {

    public Objection {
        if (id.isBlank()) {
            throw new RubricException("objection id must not be blank");
        }
        keywords = Phrases.requireUsable(keywords, "rubric.objections[" + id + "].keywords");
        addressedWhen = Phrases.requireUsable(addressedWhen, "rubric.objections[" + id + "].addressed_when");
    }
}
