package dev.sparring.controlplane.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The scenario KPIs: required phrases, objections and the goal, matched with {@link Phrases}. */
final class ScenarioChecks {

    private ScenarioChecks() {
    }

    static Optional<PhraseCoverage> requiredPhrases(CallRecord record, List<String> phrases) {
        if (phrases.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> repTokens = record.utterances().stream()
                .filter(u -> u.speaker() == Speaker.REP)
                .map(u -> Phrases.tokens(u.text()))
                .toList();
        List<String> said = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String phrase : phrases) {
            boolean found = repTokens.stream().anyMatch(tokens -> Phrases.contains(tokens, phrase));
            (found ? said : missing).add(phrase);
        }
        return Optional.of(new PhraseCoverage(said, missing));
    }

    static List<ObjectionOutcome> objections(CallRecord record, List<Objection> objections) {
        List<ObjectionOutcome> outcomes = new ArrayList<>();
        for (Objection objection : objections) {
            OptionalLong raised = first(record, Speaker.PROSPECT, objection.keywords(), -1);
            OptionalLong addressed = raised.isPresent()
                    ? first(record, Speaker.REP, objection.addressedWhen(), raised.getAsLong())
                    : OptionalLong.empty();
            outcomes.add(new ObjectionOutcome(objection.id(), raised, addressed));
        }
        return outcomes;
    }

    static GoalOutcome goal(CallRecord record, Goal goal) {
        OptionalLong asked = first(record, Speaker.REP, goal.repAsks(), -1);
        OptionalLong agreed = asked.isPresent()
                ? first(record, Speaker.PROSPECT, goal.prospectAgrees(), asked.getAsLong())
                : OptionalLong.empty();
        return new GoalOutcome(asked, agreed);
    }

    /** Start of the first {@code speaker} utterance starting after {@code afterMs} that contains a phrase. */
    private static OptionalLong first(CallRecord record, Speaker speaker, List<String> phrases, long afterMs) {
        return record.utterances().stream()
                .filter(u -> u.speaker() == speaker && u.startMs() > afterMs)
                .filter(u -> Phrases.containsAny(u.text(), phrases))
                .mapToLong(Utterance::startMs)
                .findFirst();
    }
}
