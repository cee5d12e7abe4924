package dev.sparring.controlplane.scoring;

import dev.sparring.controlplane.scoring.Words.Gap;
import dev.sparring.controlplane.scoring.Words.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the questions in one utterance and tells open from closed. Each sentence (split after
 * {@code . ! ?}) is at most one question. Inside a sentence the clauses (split at pauses) are read in
 * order, each after dropping leading discourse words ("so", "and", "okay", "um", "great" …); the first
 * clause that starts with a question opener decides:
 * <ul>
 * <li><b>open</b>: what, how, why, which, where, when, who, whose (and their "'s" forms), tell me,
 * describe, explain, walk me through, talk me through, help me understand — and a closed opener whose
 * subject "you" is followed by one of those prompts ("Could you walk me through your budget?").</li>
 * <li><b>closed</b>: an auxiliary or modal (do, does, did, is, are, was, were, am, can, could, would,
 * will, shall, should, may, might, have, has, had, and their negations).</li>
 * </ul>
 * A sentence ending with "?" is a question; with no opener it is closed ("You got a quote already?",
 * "…, right?"). A vocative or lead-in does not hide the opener ("Jordan, what rate did they quote?" is
 * open). A sentence without "?" is a question only when its opener is unambiguous, because recognisers
 * sometimes drop the mark but "when"/"how"/"which" also start statements: an imperative prompt
 * ("Tell me about your current loan."), a wh-word followed by an auxiliary ("What are you paying now."),
 * or an auxiliary followed by a subject ("Do you have a minute."). Not questions: "When we lock, the
 * rate is fixed.", "How we do it is simple.", "Would love to."
 */
final class QuestionDetector {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"')\\]]*\\s+");

    private static final Set<String> WH = Set.of(
            "what", "what's", "how", "how's", "why", "why's", "which", "where", "where's", "when", "when's",
            "who", "who's", "whom", "whose");

    private static final List<List<String>> PROMPTS = List.of(
            List.of("tell", "me"), List.of("describe"), List.of("explain"), List.of("walk", "me", "through"),
            List.of("talk", "me", "through"), List.of("help", "me", "understand"));

    private static final Set<String> AUXILIARIES = Set.of(
            "do", "does", "did", "is", "are", "was", "were", "am", "can", "could", "would", "will", "shall",
            "should", "may", "might", "have", "has", "had", "don't", "doesn't", "didn't", "isn't", "aren't",
            "wasn't", "weren't", "can't", "couldn't", "wouldn't", "won't", "shouldn't", "haven't", "hasn't",
            "hadn't");

    private static final Set<String> SUBJECTS = Set.of(
            "you", "we", "i", "it", "that", "this", "there", "they", "he", "she", "the", "your", "our",
            "their", "anyone", "anybody", "anything", "someone", "somebody", "everyone", "everything");

    private static final Set<String> LEAD_INS = Set.of(
            "so", "and", "but", "well", "okay", "ok", "alright", "now", "then", "also", "just", "oh", "um",
            "uh", "yeah", "great", "perfect", "sure", "right", "hey", "actually", "basically", "like",
            "please");

    private QuestionDetector() {
    }

    static List<Question> find(String text, long atMs) {
        List<Question> questions = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            classify(sentence).ifPresent(kind -> questions.add(new Question(sentence.strip(), kind, atMs)));
        }
        return questions;
    }

    /** The kind of question {@code sentence} is, or empty when it is not one. */
    static Optional<QuestionKind> classify(String sentence) {
        boolean questionMark = sentence.strip().replaceAll("[\"')\\]]+$", "").endsWith("?");
        for (List<String> clause : clauses(Words.of(sentence))) {
            Optional<QuestionKind> kind = opener(clause, questionMark);
            if (kind.isPresent()) {
                return kind;
            }
        }
        return questionMark ? Optional.of(QuestionKind.CLOSED) : Optional.empty();
    }

    private static Optional<QuestionKind> opener(List<String> clause, boolean questionMark) {
        if (clause.isEmpty()) {
            return Optional.empty();
        }
        if (startsWithPrompt(clause, 0)) {
            return Optional.of(QuestionKind.OPEN);
        }
        String first = clause.get(0);
        String second = clause.size() > 1 ? clause.get(1) : "";
        if (WH.contains(first) && (questionMark || first.endsWith("'s") || AUXILIARIES.contains(second))) {
            return Optional.of(QuestionKind.OPEN);
        }
        if (AUXILIARIES.contains(first) && (questionMark || SUBJECTS.contains(second))) {
            int afterYou = second.equals("you") ? skipLeadIns(clause, 2) : -1;
            boolean politePrompt = afterYou > 0 && startsWithPrompt(clause, afterYou);
            return Optional.of(politePrompt ? QuestionKind.OPEN : QuestionKind.CLOSED);
        }
        return Optional.empty();
    }

    private static boolean startsWithPrompt(List<String> clause, int from) {
        for (List<String> prompt : PROMPTS) {
            if (clause.size() - from >= prompt.size() && clause.subList(from, from + prompt.size()).equals(prompt)) {
                return true;
            }
        }
        return false;
    }

    private static int skipLeadIns(List<String> clause, int from) {
        int i = from;
        while (i < clause.size() && LEAD_INS.contains(clause.get(i))) {
            i++;
        }
        return i;
    }

    /** The sentence's clauses as word lists, each without its leading discourse words. */
    private static List<List<String>> clauses(List<Word> words) {
        List<List<String>> clauses = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (Word word : words) {
            if (word.before() != Gap.NONE && !current.isEmpty()) {
                clauses.add(current);
                current = new ArrayList<>();
            }
            current.add(word.text());
        }
        if (!current.isEmpty()) {
            clauses.add(current);
        }
        List<List<String>> trimmed = new ArrayList<>();
        for (List<String> clause : clauses) {
            trimmed.add(clause.subList(skipLeadIns(clause, 0), clause.size()));
        }
        return trimmed;
    }
}
