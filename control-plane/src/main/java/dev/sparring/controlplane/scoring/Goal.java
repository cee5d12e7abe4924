package dev.sparring.controlplane.scoring;

import java.util.List;

/**
 * The call's goal: reached when the rep asks with a {@code repAsks} phrase and the prospect later
 * agrees with a {@code prospectAgrees} phrase.
 */
public record Goal(String description, List<String> repAsks, List<String> prospectAgrees) {

    public Goal {
        repAsks = Phrases.requireUsable(repAsks, "rubric.goal.rep_asks");
        prospectAgrees = Phrases.requireUsable(prospectAgrees, "rubric.goal.prospect_agrees");
    }
}
