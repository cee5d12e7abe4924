package dev.sparring.media.pipeline;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phrase matching as the catalog defines it: case-insensitive, on word boundaries, after
 * normalising punctuation (apostrophes vanish, other punctuation and dashes become spaces).
 */
public final class Phrases {
    private static final Pattern APOSTROPHES = Pattern.compile("['’]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Phrases() {}

    /** Lower-case words separated by single spaces, without punctuation. */
    public static String normalise(String text) {
        String lower = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return NON_WORD.matcher(lower).replaceAll(" ").strip();
    }

    public static boolean contains(String text, String phrase) {
        String p = normalise(phrase);
        return !p.isEmpty() && (" " + normalise(text) + " ").contains(" " + p + " ");
    }

    public static boolean containsAny(String text, Collection<String> phrases) {
        String padded = " " + normalise(text) + " ";
        for (String phrase : phrases) {
            String p = normalise(phrase);
            if (!p.isEmpty() && padded.contains(" " + p + " ")) {
                return true;
            }
        }
        return false;
    }

    public static int wordCount(String text) {
        String n = normalise(text);
        return n.isEmpty() ? 0 : n.split(" ").length;
    }

    /** Words left after removing every occurrence of the given phrases (longest first). */
    public static int wordsExcluding(String text, Collection<String> phrases) {
        String padded = " " + normalise(text) + " ";
        List<String> sorted = phrases.stream().map(Phrases::normalise).filter(p -> !p.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String p : sorted) {
            String needle = " " + p + " ";
            while (padded.contains(needle)) {
                padded = padded.replace(needle, " ");
            }
        }
        return wordCount(padded);
    }
}
