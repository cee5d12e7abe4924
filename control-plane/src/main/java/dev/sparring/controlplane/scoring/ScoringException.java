package dev.sparring.controlplane.scoring;

/** A call record that cannot be scored: an invalid utterance, barge-in or event payload. The message names the bad field. */
public class ScoringException extends RuntimeException {

    public ScoringException(String message) {
        super(message);
    }
}
