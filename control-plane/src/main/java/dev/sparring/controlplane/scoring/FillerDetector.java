package dev.sparring.controlplane.scoring;

import dev.sparring.controlplane.scoring.Words.Gap;
import dev.sparring.controlplane.scoring.Words.Word;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds filler words in one utterance. Several of them are ordinary words most of the time, so each
 * ambiguous one counts only in the context where it is a filler. The rules prefer missing a filler to
 * inventing one: telling a rep that "I'd like to" was a filler would discredit the whole score. They read
 * the words and the punctuation the recogniser put between them ("," "—" "…" count as a pause).
 *
 * <dl>
 * <dt>um, uh</dt>
 * <dd>Always, including drawn-out spellings ("umm", "uhh"). "uh-huh" is one word, a backchannel, and is
 * not "uh".</dd>
 *
 * <dt>basically</dt>
 * <dd>Always: it adds nothing wherever it stands ("it's basically a refinance").</dd>
 *
 * <dt>like</dt>
 * <dd>Only when followed by a pause or by "um"/"uh", and not directly after a word that makes it a verb
 * or a comparison (a pronoun, "would"/"'d", "do", "to", "looks", "sounds", "feels", "seems",
 * "something", "just", "more" …). Fillers: "Like, we could lock today", "it's, like, a quarter point",
 * "we were like, wow", "like um twenty". Not fillers: "I'd like to", "would you like a quote",
 * "it looks like rates dipped", "sounds like, yeah" (after "sounds"), "something like, five percent",
 * "Like I said, the rate is fixed" (no pause: "as"), "it's like a lock" (no pause: comparison).</dd>
 *
 * <dt>kind of, sort of (also "kinda", "sorta")</dt>
 * <dd>A hedge unless a determiner or qualifier makes "kind"/"sort" a noun ("a", "the", "this", "what",
 * "which", "any", "some", "every", "that", "same", "right", "different", possessives …). Fillers:
 * "it's kind of expensive", "I kind of think", "I'd sort of expect a lower rate" (a hedge on the
 * verb: counted). Not fillers: "what kind of loan", "this sort of thing", "the right kind of rate",
 * "kinds of loans" (plural is always a noun).</dd>
 *
 * <dt>actually</dt>
 * <dd>Only as a detachable discourse marker: it opens a clause (start of the utterance, after
 * punctuation, or after "so"/"and"/"but"/"well"/"yeah"/"oh"/"okay"/"um" …) and is closed by punctuation
 * or by "um"/"uh"/"like". Fillers: "Actually, we can do that", "So actually, um, yes", "I did,
 * actually." Not fillers: "what do you actually pay", "we actually cut the fee", "Actually the rate is
 * lower" (no pause: a contrastive correction that carries meaning).</dd>
 *
 * <dt>I mean</dt>
 * <dd>Only when "I" opens a clause (as for "actually") and "mean" is followed by a pause or by
 * "um"/"uh"/"like". Fillers: "I mean, the rate is fine", "Well, I mean, um, we could". Not fillers:
 * "I mean it", "what I mean is", "do you know what I mean?", "I mean the fixed rate" (clarifying).</dd>
 *
 * <dt>you know</dt>
 * <dd>Not after "do"/"did"/"does" (and their negations), "if", "as", "whether", "what", "how",
 * "let", "so", "to", modals, "that", "because" — those make "know" a real verb. Otherwise a filler when
 * "know" is followed by a pause or by "um"/"uh"/"like" ("You know, rates move", "it's, you know, a big
 * step") or when it is a tag set off by a pause before "you" and ending the sentence ("it's a big
 * decision, you know?"). Not fillers: "do you know the rate?", "you know what I mean", "You know
 * what? Let's lock it", "as you know, rates rose", "more than you know."</dd>
 * </dl>
 */
final class FillerDetector {

    private static final Pattern UM = Pattern.compile("u+m+");
    private static final Pattern UH = Pattern.compile("u+h+");

    private static final Set<String> HESITATIONS = Set.of("um", "uh", "umm", "uhh", "like");

    private static final Set<String> LIKE_LICENSORS = Set.of(
            "i", "you", "we", "they", "he", "she", "people", "folks", "customers", "clients",
            "i'd", "you'd", "we'd", "they'd", "he'd", "she'd", "would", "wouldn't",
            "i'll", "you'll", "we'll", "they'll", "will", "might", "may", "could", "should",
            "do", "don't", "does", "doesn't", "did", "didn't", "to", "really", "also", "still",
            "look", "looks", "looked", "looking", "sound", "sounds", "sounded", "sounding",
            "seem", "seems", "seemed", "feel", "feels", "felt", "feeling",
            "something", "anything", "nothing", "everything", "someone", "anyone", "things", "stuff",
            "just", "more", "most", "less", "much", "exactly", "kind", "sort", "kinda", "sorta", "not");

    private static final Set<String> KIND_DETERMINERS = Set.of(
            "a", "an", "the", "this", "that", "these", "those", "what", "what's", "which", "whatever",
            "whichever", "any", "some", "every", "each", "one", "no", "another", "other", "same", "all",
            "my", "your", "our", "their", "his", "her", "its", "right", "wrong", "different", "particular",
            "certain", "specific", "similar", "best", "worst", "only", "first", "last", "new", "good", "bad");

    private static final Set<String> OPENERS = Set.of(
            "so", "and", "but", "well", "yeah", "yes", "no", "oh", "okay", "ok", "now", "hey", "look",
            "um", "uh", "umm", "uhh", "like", "right", "alright", "sure");

    private static final Set<String> YOU_KNOW_BLOCKERS = Set.of(
            "do", "did", "does", "don't", "didn't", "doesn't", "if", "as", "whether", "what", "how", "let",
            "so", "to", "that", "because", "cause", "when", "once", "since", "would", "will", "could", "can",
            "should", "might", "may", "must", "i'm", "you're", "we're", "probably", "already", "all");

    private FillerDetector() {
    }

    static Map<Filler, Integer> count(String text) {
        Map<Filler, Integer> counts = new EnumMap<>(Filler.class);
        for (Filler filler : find(text)) {
            counts.merge(filler, 1, Integer::sum);
        }
        return counts;
    }

    /** The fillers in {@code text}, in the order spoken. */
    static List<Filler> find(String text) {
        List<Word> words = Words.of(text);
        List<Filler> found = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).text();
            if (UM.matcher(word).matches()) {
                found.add(Filler.UM);
            } else if (UH.matcher(word).matches()) {
                found.add(Filler.UH);
            } else if (word.equals("basically")) {
                found.add(Filler.BASICALLY);
            } else if (word.equals("like") && isFillerLike(words, i)) {
                found.add(Filler.LIKE);
            } else if (isHedge(words, i, "kind", "kinda")) {
                found.add(Filler.KIND_OF);
            } else if (isHedge(words, i, "sort", "sorta")) {
                found.add(Filler.SORT_OF);
            } else if (word.equals("actually") && opensClause(words, i) && closedOff(words, i)) {
                found.add(Filler.ACTUALLY);
            } else if (word.equals("i") && nextIs(words, i, "mean") && opensClause(words, i)
                    && (words.get(i + 1).after() == Gap.PAUSE || hesitationFollows(words, i + 1))) {
                found.add(Filler.I_MEAN);
            } else if (word.equals("you") && nextIs(words, i, "know") && isFillerYouKnow(words, i)) {
                found.add(Filler.YOU_KNOW);
            }
        }
        return found;
    }

    private static boolean isFillerLike(List<Word> words, int i) {
        if (previousAdjacentIn(words, i, LIKE_LICENSORS)) {
            return false;
        }
        return words.get(i).after() == Gap.PAUSE || hesitationFollows(words, i);
    }

    private static boolean isHedge(List<Word> words, int i, String noun, String contraction) {
        String word = words.get(i).text();
        boolean phrase = word.equals(noun) && nextIs(words, i, "of");
        return (phrase || word.equals(contraction)) && !previousAdjacentIn(words, i, KIND_DETERMINERS);
    }

    private static boolean isFillerYouKnow(List<Word> words, int i) {
        if (previousAdjacentIn(words, i, YOU_KNOW_BLOCKERS)) {
            return false;
        }
        Word know = words.get(i + 1);
        if (know.after() == Gap.PAUSE || hesitationFollows(words, i + 1)) {
            return true;
        }
        return know.after() == Gap.SENTENCE && words.get(i).before() == Gap.PAUSE;
    }

    private static boolean opensClause(List<Word> words, int i) {
        return words.get(i).clauseStart() || previousAdjacentIn(words, i, OPENERS);
    }

    private static boolean closedOff(List<Word> words, int i) {
        return words.get(i).after() != Gap.NONE || hesitationFollows(words, i);
    }

    /** Whether the word after {@code i} runs on from it and is a hesitation ("like um", "I mean uh"). */
    private static boolean hesitationFollows(List<Word> words, int i) {
        return words.get(i).after() == Gap.NONE && i + 1 < words.size()
                && HESITATIONS.contains(words.get(i + 1).text());
    }

    /** Whether the word after {@code i} runs on from it and is {@code expected}. */
    private static boolean nextIs(List<Word> words, int i, String expected) {
        return i + 1 < words.size() && words.get(i).after() == Gap.NONE && words.get(i + 1).text().equals(expected);
    }

    /** Whether the word before {@code i} runs on into it and is in {@code set}. */
    private static boolean previousAdjacentIn(List<Word> words, int i, Set<String> set) {
        return i > 0 && words.get(i).before() == Gap.NONE && set.contains(words.get(i - 1).text());
    }
}
