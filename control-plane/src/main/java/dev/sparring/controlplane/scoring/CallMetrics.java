package dev.sparring.controlplane.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything measured about a call, before any rubric target is applied. Computed for every call
 * whatever the rubric weights, so it can also feed live views ("KPIs so far") and reports. Rates whose
 * denominator is zero are empty rather than NaN.
 *
 * @param repSpeakingMs      union of the rep's utterances
 * @param prospectSpeakingMs union of the prospect's utterances
 * @param callMs             the call length used for per-minute rates ({@link CallRecord#effectiveDurationMs()})
 * @param fillers            rep filler counts, every {@link Filler} present (zero when unused), in enum order
 * @param repWords           words the rep said
 * @param longestMonologue   the rep's longest monologue; empty when the rep took no turn
 * @param questions          the rep's questions in the order asked
 * @param interruptions      who interrupted whom
 * @param responseGapsMs     the rep's non-negative gaps after the prospect stopped, in call order
 * @param speakerSwitches    changes of speaker between consecutive turns
 * @param requiredPhrases    present when the rubric lists required phrases
 * @param objections         one outcome per rubric objection, in rubric order
 * @param goal               present when the rubric has a goal
 */
public record CallMetrics(long repSpeakingMs, long prospectSpeakingMs, long callMs, Map<Filler, Integer> fillers,
                          int repWords, Optional<Monologue> longestMonologue, List<Question> questions,
                          Interruptions interruptions, List<Long> responseGapsMs, int speakerSwitches,
                          Optional<PhraseCoverage> requiredPhrases, List<ObjectionOutcome> objections,
                          Optional<GoalOutcome> goal) {

    private static final double MS_PER_MINUTE = 60_000.0;

    public CallMetrics {
        EnumMap<Filler, Integer> all = new EnumMap<>(Filler.class);
        for (Filler filler : Filler.values()) {
            all.put(filler, fillers.getOrDefault(filler, 0));
        }
        fillers = Collections.unmodifiableMap(all);
        questions = List.copyOf(questions);
        responseGapsMs = List.copyOf(responseGapsMs);
        objections = List.copyOf(objections);
    }

    /** Measures {@code record}; the rubric only supplies the phrases, objections and goal to look for. */
    public static CallMetrics of(CallRecord record, Rubric rubric) {
        Map<Filler, Integer> fillers = new EnumMap<>(Filler.class);
        int repWords = 0;
        List<Question> questions = new ArrayList<>();
        for (Utterance utterance : record.utterances()) {
            if (utterance.speaker() != Speaker.REP) {
                continue;
            }
            FillerDetector.count(utterance.text()).forEach((filler, n) -> fillers.merge(filler, n, Integer::sum));
            repWords += Words.count(utterance.text());
            questions.addAll(QuestionDetector.find(utterance.text(), utterance.startMs()));
        }
        List<Utterance> turns = Timeline.turns(record);
        return new CallMetrics(
                Timeline.speakingMs(record, Speaker.REP),
                Timeline.speakingMs(record, Speaker.PROSPECT),
                record.effectiveDurationMs(),
                fillers,
                repWords,
                Timeline.longestMonologue(turns),
                questions,
                Timeline.interruptions(record, turns),
                Timeline.responseGapsMs(turns),
                Timeline.speakerSwitches(turns),
                ScenarioChecks.requiredPhrases(record, rubric.requiredPhrases()),
                ScenarioChecks.objections(record, rubric.objections()),
                rubric.goal().map(goal -> ScenarioChecks.goal(record, goal)));
    }

    /** Rep share of all speaking time, 0..100; empty when nobody spoke. */
    public OptionalDouble talkRatioPercent() {
        long total = repSpeakingMs + prospectSpeakingMs;
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * repSpeakingMs / total);
    }

    public int fillerTotal() {
        return fillers.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Rep fillers per rep speaking minute; empty when the rep did not speak. */
    public OptionalDouble fillerRatePerMinute() {
        return perRepMinute(fillerTotal());
    }

    /** Rep words per rep speaking minute; empty when the rep did not speak. */
    public OptionalDouble paceWordsPerMinute() {
        return perRepMinute(repWords);
    }

    public double longestMonologueSeconds() {
        return longestMonologue.map(m -> m.durationMs() / 1000.0).orElse(0.0);
    }

    public long questionCount(QuestionKind kind) {
        return questions.stream().filter(q -> q.kind() == kind).count();
    }

    /** Median of {@link #responseGapsMs()} in seconds; empty when the rep never answered the prospect. */
    public OptionalDouble medianResponseGapSeconds() {
        if (responseGapsMs.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Long> sorted = responseGapsMs.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double medianMs = sorted.size() % 2 == 1
                ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
        return OptionalDouble.of(medianMs / 1000.0);
    }

    /** Speaker switches per minute of call; empty for a zero-length call. */
    public OptionalDouble switchesPerMinute() {
        return callMs == 0 ? OptionalDouble.empty() : OptionalDouble.of(speakerSwitches * MS_PER_MINUTE / callMs);
    }

    /** Share of required phrases said, 0..100; empty when the rubric lists none. */
    public OptionalDouble requiredPhrasesPercent() {
        return requiredPhrases.map(c -> OptionalDouble.of(100.0 * c.said().size() / c.required()))
                .orElse(OptionalDouble.empty());
    }

    public long objectionsRaised() {
        return objections.stream().filter(ObjectionOutcome::raised).count();
    }

    public long objectionsAddressed() {
        return objections.stream().filter(ObjectionOutcome::addressed).count();
    }

    /** Share of raised objections addressed, 0..100; empty when none was raised. */
    public OptionalDouble objectionsAddressedPercent() {
        long raised = objectionsRaised();
        return raised == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * objectionsAddressed() / raised);
    }

    private OptionalDouble perRepMinute(int count) {
        return repSpeakingMs == 0 ? OptionalDouble.empty() : OptionalDouble.of(count * MS_PER_MINUTE / repSpeakingMs);
    }
}
