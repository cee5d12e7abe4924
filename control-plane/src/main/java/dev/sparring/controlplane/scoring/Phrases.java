package dev.sparring.controlplane.scoring;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rubric phrase matching: case-insensitive, on word boundaries, after normalising punctuation. Text and
 * phrase are both reduced to lowercase runs of letters and digits, so {@code "follow-up"} matches
 * {@code "follow up"}, {@code "NMLS"} matches {@code "NMLS #12345"}, and {@code "rate"} matches
 * {@code "rate's"} but not {@code "rates"} or {@code "accurate"}.
 */
final class Phrases {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Phrases() {
    }

    static List<String> tokens(String text) {
        String normalised = NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }

    /** Whether {@code phrase}'s words occur contiguously in {@code textTokens}. */
    static boolean contains(List<String> textTokens, String phrase) {
        List<String> phraseTokens = tokens(phrase);
        if (phraseTokens.isEmpty()) {
            return false;
        }
        return Collections.indexOfSubList(textTokens, phraseTokens) >= 0;
    }

    static boolean containsAny(String text, List<String> phrases) {
        List<String> textTokens = tokens(text);
        return phrases.stream().anyMatch(phrase -> contains(textTokens, phrase));
    }

    static List<String> requireUsable(List<String> phrases, String field) {
        List<String> copy = requireUsableOrEmpty(phrases, field);
        if (copy.isEmpty()) {
            throw new RubricException(field + " must list at least one phrase");
        }
        return copy;
    }

    static List<String> requireUsableOrEmpty(List<String> phrases, String field) {
        List<String> copy = List.copyOf(phrases);
        for (String phrase : copy) {
            if (tokens(phrase).isEmpty()) {
                throw new RubricException(field + " has a phrase with no words: \"" + phrase + "\"");
            }
        }
        return copy;
    }
}
