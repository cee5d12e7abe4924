package dev.sparring.controlplane.scoring;

/** A scenario rubric that cannot be used for scoring. The message names the offending field, e.g. {@code rubric.kpis.pace.target}. */
public final class RubricException extends ScoringException {

    public RubricException(String message) {
        super(message);
    }
}
