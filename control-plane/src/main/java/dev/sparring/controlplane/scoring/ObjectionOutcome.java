package dev.sparring.controlplane.scoring;

import java.util.OptionalLong;

/**
 * What happened to one rubric objection.
 *
 * @param id            the rubric objection id
 * @param raisedAtMs    start of the first prospect utterance with one of its keywords
 * @param addressedAtMs start of the first later rep utterance with one of its addressed_when phrases
 */
public record ObjectionOutcome(String id, OptionalLong raisedAtMs, OptionalLong addressedAtMs) {

    public boolean raised() {
        return raisedAtMs.isPresent();
    }

    public boolean addressed() {
        return addressedAtMs.isPresent();
    }
}
