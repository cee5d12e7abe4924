package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.TextToSpeech;
import java.util.List;

/**
 * Words whose timing became known with one audio message of a reply, on the reply's audio time line
 * (0 = the first sample of the reply). Lets the pipeline cut a bot message to the words the caller
 * actually heard before a barge-in.
 *
 * @param words in order; a word is delivered once, when its last character has been aligned
 */
public record WordTimings(List<TimedWord> words) {
    public WordTimings {
        words = List.copyOf(words);
    }

    /** The same words as the pipeline's {@link TextToSpeech.WordTiming}s. */
    public List<TextToSpeech.WordTiming> forPipeline() {
        return words.stream().map(w -> new TextToSpeech.WordTiming(w.text(), w.startMs(), w.endMs())).toList();
    }

    /**
     * The text of the words that had started playing {@code heardMs} into the reply — a word the caller
     * heard the beginning of counts as said.
     */
    public static String heardText(List<TimedWord> words, long heardMs) {
        StringBuilder text = new StringBuilder();
        for (TimedWord w : words) {
            if (w.startMs() >= heardMs) {
                break;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(w.text());
        }
        return text.toString();
    }
}
