package dev.sparring.controlplane.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits transcript text into lowercase words and remembers the punctuation on either side of each,
 * which is the context the filler and question rules read. A word is a run of letters and digits that
 * may contain apostrophes and hyphens ({@code "i'd"}, {@code "uh-huh"}, {@code "follow-up"} are one word
 * each) and decimal points or colons between digits ({@code "6.5"}, {@code "10:30"}).
 */
final class Words {

    private static final Pattern WORD = Pattern.compile(
            "[\\p{L}\\p{N}]+(?:(?:['’\\-]|(?<=\\p{N})[.,:](?=\\p{N}))[\\p{L}\\p{N}]+)*");

    /** The punctuation between two words, strongest first wins. */
    enum Gap {
        /** Only spaces (or quotes): the words run on. */
        NONE,
        /** A comma, semicolon, colon, dash, ellipsis or bracket: a pause inside a sentence. */
        PAUSE,
        /** A full stop, question or exclamation mark, or the start or end of the utterance. */
        SENTENCE
    }

    /** One word with the punctuation before and after it. */
    record Word(String text, Gap before, Gap after) {

        /** The first word of the utterance, a sentence or a clause set off by punctuation. */
        boolean clauseStart() {
            return before != Gap.NONE;
        }
    }

    private Words() {
    }

    static List<Word> of(String text) {
        List<String> words = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        int last = 0;
        while (matcher.find()) {
            gaps.add(text.substring(last, matcher.start()));
            words.add(matcher.group().toLowerCase(Locale.ROOT).replace('’', '\''));
            last = matcher.end();
        }
        gaps.add(text.substring(last));
        List<Word> result = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            Gap before = i == 0 ? Gap.SENTENCE : classify(gaps.get(i));
            Gap after = i == words.size() - 1 ? edge(gaps.get(i + 1)) : classify(gaps.get(i + 1));
            result.add(new Word(words.get(i), before, after));
        }
        return result;
    }

    static int count(String text) {
        int count = 0;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    static Gap classify(String gap) {
        String normalised = gap.replace("...", "…");
        if (normalised.chars().anyMatch(c -> c == '.' || c == '?' || c == '!')) {
            return Gap.SENTENCE;
        }
        if (normalised.chars().anyMatch(c -> ",;:—–…-()".indexOf(c) >= 0)) {
            return Gap.PAUSE;
        }
        return Gap.NONE;
    }

    /** After the last word: a trailing comma or dash is kept as a pause (speech cut off mid-thought). */
    private static Gap edge(String gap) {
        return classify(gap) == Gap.PAUSE ? Gap.PAUSE : Gap.SENTENCE;
    }
}
