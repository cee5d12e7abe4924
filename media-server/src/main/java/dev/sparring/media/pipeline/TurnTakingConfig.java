package dev.sparring.media.pipeline;

import java.util.Set;

/**
 * Turn-taking and barge-in settings. The server reads them from {@code config/media-server.properties}
 * (the one place of defaults; durations there take a unit, e.g. {@code 600ms}); {@link #defaults()}
 * mirrors that file for tests and embedders. Fields are milliseconds.
 *
 * <ul>
 *   <li>{@code end-of-turn-silence} (600 ms): the rep's turn ends after this much VAD silence, or
 *       earlier at the recogniser's end-of-speech.</li>
 *   <li>{@code speech-start} (60 ms): voiced audio needed before the rep counts as speaking (drops clicks).</li>
 *   <li>{@code final-transcript-wait} (800 ms): after the turn ended, how long to wait for the
 *       recogniser's final before answering with what is known.</li>
 *   <li>{@code barge-in-min-speech} (300 ms): voiced speech while the prospect talks that pauses it
 *       (a Twilio {@code clear}); the interruption is confirmed by words or by the turn.</li>
 *   <li>{@code barge-in-min-words} (1): words, not counting backchannels, a transcript must hold
 *       to confirm an interruption when the recogniser gives words.</li>
 *   <li>{@code false-interruption-timeout} (1000 ms): after the paused-for speech stops, if it did not
 *       become words or a turn within this time the prospect resumes where the caller stopped hearing.</li>
 *   <li>{@code backchannels} (comma-separated, {@link #DEFAULT_BACKCHANNELS}): words that never
 *       interrupt the prospect (matched on the whole transcript).</li>
 * </ul>
 */
public record TurnTakingConfig(
        int endOfTurnSilenceMs,
        int speechStartMs,
        int finalTranscriptWaitMs,
        int bargeInMinSpeechMs,
        int bargeInMinWords,
        int falseInterruptionTimeoutMs,
        Set<String> backchannels) {

    public static final Set<String> DEFAULT_BACKCHANNELS = Set.of(
            "uh-huh", "uh huh", "uhhuh", "mm-hmm", "mm hmm", "mhm", "mm", "hmm", "yeah", "yep", "yes",
            "right", "okay", "ok", "sure", "got it", "i see", "uh", "um", "ah", "oh");

    public TurnTakingConfig {
        backchannels = Set.copyOf(backchannels);
        requirePositive(endOfTurnSilenceMs, "end-of-turn-silence");
        requirePositive(speechStartMs, "speech-start");
        requirePositive(finalTranscriptWaitMs, "final-transcript-wait");
        requirePositive(bargeInMinSpeechMs, "barge-in-min-speech");
        requirePositive(falseInterruptionTimeoutMs, "false-interruption-timeout");
        if (bargeInMinWords < 0) {
            throw new PipelineException("barge-in-min-words must be >= 0, was " + bargeInMinWords);
        }
    }

    public static TurnTakingConfig defaults() {
        return new TurnTakingConfig(600, 60, 800, 300, 1, 1000, DEFAULT_BACKCHANNELS);
    }

    private static void requirePositive(int value, String key) {
        if (value <= 0) {
            throw new PipelineException(key + " must be > 0, was " + value);
        }
    }
}
