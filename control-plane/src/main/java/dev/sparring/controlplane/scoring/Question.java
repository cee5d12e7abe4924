package dev.sparring.controlplane.scoring;

/**
 * A question the rep asked.
 *
 * @param text the sentence as spoken
 * @param kind open or closed
 * @param atMs start of the utterance it was asked in
 */
public record Question(String text, QuestionKind kind, long atMs) {
}
