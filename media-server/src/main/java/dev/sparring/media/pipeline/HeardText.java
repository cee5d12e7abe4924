package dev.sparring.media.pipeline;

import java.util.List;

/**
 * Cuts a reply to what the caller heard. Each synthesised segment's audio span is known exactly.
 * Within the segment, when the voice gave word timings (ElevenLabs alignment) the cut falls after
 * the last word whose end the caller heard; otherwise the heard duration is mapped to words in
 * proportion to characters (speech time is close to proportional to letters), and a word counts
 * as heard only when its last letter was reached.
 */
public final class HeardText {
    private HeardText() {}

    /**
     * A synthesised piece of the reply and where its audio sits in the reply's audio.
     *
     * @param words the voice's word timings for this segment, on the segment's own time line
     *              (0 = its first sample), in order; empty when the voice gave none
     */
    public record Segment(String text, double startMs, double durationMs, List<TextToSpeech.WordTiming> words) {
        public Segment {
            words = List.copyOf(words);
        }

        public Segment(String text, double startMs, double durationMs) {
            this(text, startMs, durationMs, List.of());
        }
    }

    public static String cut(List<Segment> segments, double heardMs) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            if (heardMs >= segment.startMs() + segment.durationMs()) {
                append(out, segment.text());
                continue;
            }
            if (heardMs > segment.startMs() && segment.durationMs() > 0) {
                double intoSegment = heardMs - segment.startMs();
                append(out, segment.words().isEmpty()
                        ? prefixByFraction(segment.text(), intoSegment / segment.durationMs())
                        : prefixByWords(segment.text(), heardWords(segment.words(), intoSegment)));
            }
            break;
        }
        return out.toString();
    }

    /** How many leading words ended by {@code heardMs}. */
    static int heardWords(List<TextToSpeech.WordTiming> words, double heardMs) {
        int count = 0;
        for (TextToSpeech.WordTiming word : words) {
            if (word.endMs() > heardMs) {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * The first {@code count} whitespace-separated words of {@code text}, as written. Counting words
     * rather than joining the timed words keeps the transcript's text identical to what was generated.
     */
    static String prefixByWords(String text, int count) {
        int end = 0;
        int i = 0;
        for (int n = 0; n < count; n++) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            end = i;
        }
        return text.substring(0, end);
    }

    static String prefixByFraction(String text, double fraction) {
        int reached = (int) Math.floor(text.length() * fraction);
        int end = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int wordEnd = i;
            while (wordEnd < text.length() && !Character.isWhitespace(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (wordEnd == i || wordEnd > reached) {
                break;
            }
            end = wordEnd;
            i = wordEnd;
        }
        return text.substring(0, end);
    }

    private static void append(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(text);
    }
}
