package dev.sparring.media.providers.deepgram;

import dev.sparring.media.pipeline.SpeechToText;
import java.time.Duration;
import java.util.List;

/**
 * A {@link SpeechToText.Listener} that also wants Deepgram's timings, on the call's audio clock:
 * zero is the first audio byte given to the stream, whatever reconnects happened since.
 * Both extra methods default to doing nothing.
 */
public interface DeepgramListener extends SpeechToText.Listener {

    /** Every non-empty Results (interim and final), with its words on the call's clock. */
    default void onSpeech(RecognisedSpeech speech) {
    }

    /** {@code SpeechStarted}: speech began at {@code at} on the call's clock. */
    default void onSpeechStarted(Duration at) {
    }

    /**
     * @param text the transcript
     * @param isFinal whether Deepgram will not revise it
     * @param start the start of the first word (or of the result when it has no words)
     * @param end the end of the last word
     * @param words each word with its times
     */
    record RecognisedSpeech(String text, boolean isFinal, Duration start, Duration end, List<TimedWord> words) {
        public RecognisedSpeech {
            words = List.copyOf(words);
        }
    }

    record TimedWord(String text, Duration start, Duration end) {}
}
