package dev.sparring.controlplane.scoring;

import java.util.OptionalLong;

/**
 * Whether the call reached its goal.
 *
 * @param askedAtMs  start of the first rep utterance with a rep_asks phrase
 * @param agreedAtMs start of the first later prospect utterance with a prospect_agrees phrase
 */
public record GoalOutcome(OptionalLong askedAtMs, OptionalLong agreedAtMs) {

    public boolean reached() {
        return agreedAtMs.isPresent();
    }
}
