package dev.sparring.controlplane.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Scores a call against a scenario rubric. A pure function: the same record and rubric always give the
 * same {@link Score}, and its JSON byte for byte, so scores can be recomputed at any time.
 *
 * <p>Each rubric KPI gets a 0..100 sub-score: range KPIs through {@link RangeScore}, share KPIs
 * (required phrases, objections, goal) directly from their percentage. The total is the weighted mean
 * of the integer sub-scores of the KPIs that apply to the call, rounded half up; 0 when none applies.
 * An empty call (no utterances) scores 0 with every KPI marked not applicable.
 */
public final class CallScorer {

    static final String EMPTY_CALL = "empty call: no utterances";

    private CallScorer() {
    }

    public static Score score(CallRecord record, Rubric rubric) {
        CallMetrics metrics = CallMetrics.of(record, rubric);
        List<KpiScore> kpis = new ArrayList<>();
        for (Map.Entry<Kpi, KpiWeight> entry : rubric.kpis().entrySet()) {
            kpis.add(record.isEmpty()
                    ? notApplicable(entry.getKey(), entry.getValue(), EMPTY_CALL)
                    : kpi(entry.getKey(), entry.getValue(), metrics));
        }
        return new Score(total(kpis), record.isEmpty(), kpis, metrics);
    }

    private static int total(List<KpiScore> kpis) {
        double weights = 0;
        double weighted = 0;
        for (KpiScore kpi : kpis) {
            if (kpi.applicable()) {
                weights += kpi.weight();
                weighted += kpi.weight() * kpi.score().getAsInt();
            }
        }
        return weights == 0 ? 0 : (int) Math.round(weighted / weights);
    }

    private static KpiScore kpi(Kpi kpi, KpiWeight weight, CallMetrics m) {
        return switch (kpi) {
            case TALK_RATIO -> measured(kpi, weight, m.talkRatioPercent(), "nobody spoke", value -> {
                long rep = Math.round(value);
                return rep + ":" + (100 - rep);
            });
            case FILLER_RATE -> measured(kpi, weight, m.fillerRatePerMinute(), "the rep did not speak",
                    value -> format("%.1f/min (%d in total)", value, m.fillerTotal()));
            case PACE -> measured(kpi, weight, m.paceWordsPerMinute(), "the rep did not speak",
                    value -> format("%.0f wpm", value));
            case LONGEST_MONOLOGUE -> measured(kpi, weight, OptionalDouble.of(m.longestMonologueSeconds()), "",
                    value -> format("%.1f s", value));
            case QUESTIONS -> measured(kpi, weight, OptionalDouble.of(m.questions().size()), "",
                    value -> format("%d (%d open, %d closed)", m.questions().size(),
                            m.questionCount(QuestionKind.OPEN), m.questionCount(QuestionKind.CLOSED)));
            case INTERRUPTIONS -> measured(kpi, weight, OptionalDouble.of(m.interruptions().byRep()), "",
                    value -> format("%d (prospect interrupted %d)", m.interruptions().byRep(),
                            m.interruptions().byProspect()));
            case PATIENCE -> measured(kpi, weight, m.medianResponseGapSeconds(), "the rep never answered the prospect",
                    value -> format("%.2f s median of %d", value, m.responseGapsMs().size()));
            case INTERACTIVITY -> measured(kpi, weight, m.switchesPerMinute(), "the call has no duration",
                    value -> format("%.1f/min", value));
            case REQUIRED_PHRASES -> measured(kpi, weight, m.requiredPhrasesPercent(), "the rubric lists no required phrases",
                    value -> m.requiredPhrases().map(c -> c.said().size() + "/" + c.required()).orElse(""));
            case OBJECTIONS -> measured(kpi, weight, m.objectionsAddressedPercent(),
                    m.objections().isEmpty() ? "the rubric lists no objections" : "no objection was raised",
                    value -> m.objectionsAddressed() + "/" + m.objectionsRaised() + " addressed");
            case GOAL -> measured(kpi, weight,
                    m.goal().map(g -> OptionalDouble.of(g.reached() ? 100 : 0)).orElse(OptionalDouble.empty()),
                    "no goal", value -> value == 100 ? "reached" : "not reached");
        };
    }

    private interface Display {
        String of(double value);
    }

    private static KpiScore measured(Kpi kpi, KpiWeight weight, OptionalDouble value, String reasonWhenAbsent,
                                     Display display) {
        if (value.isEmpty()) {
            return notApplicable(kpi, weight, reasonWhenAbsent);
        }
        double v = value.getAsDouble();
        int score = weight.target().map(target -> RangeScore.of(v, target))
                .orElseGet(() -> (int) Math.round(Math.max(0, Math.min(100, v))));
        return new KpiScore(kpi, value, display.of(v), weight.target(), OptionalInt.of(score), weight.weight(),
                Optional.empty());
    }

    private static KpiScore notApplicable(Kpi kpi, KpiWeight weight, String reason) {
        return new KpiScore(kpi, OptionalDouble.empty(), "n/a", weight.target(), OptionalInt.empty(),
                weight.weight(), Optional.of(reason));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
