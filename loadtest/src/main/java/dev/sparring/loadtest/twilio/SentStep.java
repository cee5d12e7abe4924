package dev.sparring.loadtest.twilio;

/**
 * What the caller did for one script step, in clock nanoseconds.
 *
 * @param step the step's index in the script
 * @param kind what was done
 * @param text the line said, the digits pressed, or empty for a hang-up
 * @param startNanos when the first frame (or the digit, or the stop) was sent
 * @param endNanos when the last frame was sent
 * @param voicedStartNanos when the first frame holding speech was sent
 * @param voicedEndNanos when the last frame holding speech was sent
 * @param botSpeakingAtStart whether the bot was audible at the caller when the step started
 * @param timedOut true when the step started because the bot never answered, not because its timing
 *     condition held
 */
public record SentStep(int step, Kind kind, String text, long startNanos, long endNanos,
                       long voicedStartNanos, long voicedEndNanos, boolean botSpeakingAtStart, boolean timedOut) {

    /** The kinds of step. */
    public enum Kind { SAY, BACKCHANNEL, DTMF, HANGUP }
}
