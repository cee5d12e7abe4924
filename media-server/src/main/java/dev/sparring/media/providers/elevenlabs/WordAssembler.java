package dev.sparring.media.providers.elevenlabs;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the per-message character alignments of one reply into words on the reply's time line. A
 * word may span two audio messages, so the characters of an unfinished word are carried over.
 *
 * <p>Owned by one reply; touched only on its session's event loop.
 */
final class WordAssembler {
    private final StringBuilder word = new StringBuilder();
    private long wordStart = -1;
    private long wordEnd;

    /**
     * @param alignment one audio message's alignment
     * @param offsetMs where that message's audio starts in the reply
     * @return the words completed by this message
     */
    List<TimedWord> add(Alignment alignment, long offsetMs) {
        List<TimedWord> done = new ArrayList<>();
        int n = Math.min(alignment.chars().size(),
                Math.min(alignment.charStartTimesMs().size(), alignment.charDurationsMs().size()));
        for (int i = 0; i < n; i++) {
            String c = alignment.chars().get(i);
            long start = offsetMs + alignment.charStartTimesMs().get(i);
            long end = start + alignment.charDurationsMs().get(i);
            if (c.isBlank()) {
                finishWord(done);
                continue;
            }
            if (wordStart < 0) {
                wordStart = start;
            }
            word.append(c);
            wordEnd = end;
        }
        return done;
    }

    /** The last word, once the reply's audio is complete. */
    List<TimedWord> finish() {
        List<TimedWord> done = new ArrayList<>(1);
        finishWord(done);
        return done;
    }

    private void finishWord(List<TimedWord> done) {
        if (!word.isEmpty()) {
            done.add(new TimedWord(word.toString(), wordStart, wordEnd));
        }
        word.setLength(0);
        wordStart = -1;
    }
}
