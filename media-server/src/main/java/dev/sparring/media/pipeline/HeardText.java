package dev.sparring.media.pipeline;

import java.util.List;

/**
 * Cuts a reply to what the caller heard. Each synthesised segment's audio span is known exactly;
 * within the segment the heard duration is mapped to words in proportion to characters (speech
 * time is close to proportional to letters), and a word counts as heard only when its last
 * letter was reached.
 */
public final class HeardText {
    private HeardText() {}

    /** A synthesised piece of the reply and where its audio sits in the reply's audio. */
    public record Segment(String text, double startMs, double durationMs) {}

    public static String cut(List<Segment> segments, double heardMs) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            if (heardMs >= segment.startMs() + segment.durationMs()) {
                append(out, segment.text());
                continue;
            }
            if (heardMs > segment.startMs() && segment.durationMs() > 0) {
                double fraction = (heardMs - segment.startMs()) / segment.durationMs();
                append(out, prefixByFraction(segment.text(), fraction));
            }
            break;
        }
        return out.toString();
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
