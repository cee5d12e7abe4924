package dev.sparring.controlplane.scoring;

import static dev.sparring.controlplane.scoring.Utterance.prospect;
import static dev.sparring.controlplane.scoring.Utterance.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallScorerTest {

    @Test
    void scoresTheReferenceCallAgainstTheReferenceRubric() {
        Score score = CallScorer.score(Fixtures.refinanceCall(), Fixtures.refinanceRubric());

        // talk ratio 20/30 s = 66.67 %: 11.67 above 55 over a fall-off of 27.5 -> 57.58 -> 58
        assertKpi(score, Kpi.TALK_RATIO, 200.0 / 3, "67:33", 58);
        // 1 filler in 20 s = 3.0/min, on the upper bound
        assertKpi(score, Kpi.FILLER_RATE, 3.0, "3.0/min (1 in total)", 100);
        // 47 words in 20 s
        assertKpi(score, Kpi.PACE, 141.0, "141 wpm", 100);
        assertKpi(score, Kpi.LONGEST_MONOLOGUE, 6.0, "6.0 s", 100);
        assertKpi(score, Kpi.QUESTIONS, 4.0, "4 (1 open, 3 closed)", 100);
        assertKpi(score, Kpi.INTERRUPTIONS, 0.0, "0 (prospect interrupted 0)", 100);
        assertKpi(score, Kpi.PATIENCE, 0.5, "0.50 s median of 5", 100);
        // 9 switches in 36 s = 15/min: 5 above 10 over a fall-off of max(8, 5) -> 37.5 -> 38
        assertKpi(score, Kpi.INTERACTIVITY, 15.0, "15.0/min", 38);
        assertKpi(score, Kpi.REQUIRED_PHRASES, 100.0, "2/2", 100);
        assertKpi(score, Kpi.OBJECTIONS, 100.0, "1/1 addressed", 100);
        assertKpi(score, Kpi.GOAL, 100.0, "reached", 100);
        // (15*58 + 5*38 + 80*100) / 100 = 90.6
        assertThat(score.total()).isEqualTo(91);
        assertThat(score.empty()).isFalse();
    }

    @Test
    void theReferenceScoreSerialisesToTheDocumentedJson() {
        Score score = CallScorer.score(Fixtures.refinanceCall(), Fixtures.refinanceRubric());

        String expected = Fixtures.json(resource("refinance-call-score.json")).toString();
        assertThat(score.toJsonString()).isEqualTo(expected);
    }

    @Test
    void sameInputGivesByteIdenticalJsonWhateverTheUtteranceOrder() {
        CallRecord call = Fixtures.refinanceCall();
        List<Utterance> shuffled = new ArrayList<>(call.utterances());
        Collections.shuffle(shuffled, new Random(7));
        CallRecord reordered = new CallRecord(shuffled, call.bargeIns(), call.durationMs());

        String first = CallScorer.score(call, Fixtures.refinanceRubric()).toJsonString();
        String again = CallScorer.score(call, Fixtures.refinanceRubric()).toJsonString();
        String fromShuffled = CallScorer.score(reordered, Fixtures.refinanceRubric()).toJsonString();

        assertThat(again).isEqualTo(first);
        assertThat(fromShuffled).isEqualTo(first);
    }

    @Test
    void anEmptyCallScoresZeroAndSaysSo() {
        Score score = CallScorer.score(new CallRecord(List.of(), List.of(), 12_000), Fixtures.refinanceRubric());

        assertThat(score.total()).isZero();
        assertThat(score.empty()).isTrue();
        assertThat(score.kpis()).hasSize(Kpi.values().length).allSatisfy(kpi -> {
            assertThat(kpi.score()).isEmpty();
            assertThat(kpi.value()).isEmpty();
            assertThat(kpi.display()).isEqualTo("n/a");
            assertThat(kpi.reason()).contains(CallScorer.EMPTY_CALL);
        });
        String json = score.toJsonString();
        assertThat(json).doesNotContain("NaN", "Infinity")
                .startsWith("{\"version\":1,\"total\":0,\"empty\":true,\"kpis\":{\"talk_ratio\":{\"value\":null,\"display\":\"n/a\"");
        assertThat(score.toJson().at("/details/talk/call_ms").asLong()).isEqualTo(12_000);
        assertThat(score.toJson().at("/details/fillers/per_minute").isNull()).isTrue();
    }

    @Test
    void aCallWithNoUtterancesAndNoDurationAlsoScoresCleanly() {
        Score score = CallScorer.score(CallRecord.of(List.of()), Fixtures.refinanceRubric());

        assertThat(score.total()).isZero();
        assertThat(score.metrics().switchesPerMinute()).isEmpty();
        assertThat(score.metrics().talkRatioPercent()).isEmpty();
        assertThat(score.toJsonString()).doesNotContain("NaN");
    }

    @Test
    void kpisThatDoNotApplyAreLeftOutOfTheTotal() {
        Rubric rubric = new Rubric(Map.of(
                Kpi.TALK_RATIO, KpiWeight.of(1, 35, 55),
                Kpi.PATIENCE, KpiWeight.of(3, 0.4, 2.0)), List.of(), List.of(), Optional.empty());
        CallRecord call = CallRecord.of(List.of(
                rep("Hi, it's Sam from Harbor Lending.", 0, 3_000),
                prospect("Not interested, goodbye.", 3_500, 6_500)));

        Score score = CallScorer.score(call, rubric);

        assertThat(score.kpi(Kpi.TALK_RATIO).orElseThrow().score()).isEqualTo(OptionalInt.of(100));
        KpiScore patience = score.kpi(Kpi.PATIENCE).orElseThrow();
        assertThat(patience.applicable()).isFalse();
        assertThat(patience.reason()).contains("the rep never answered the prospect");
        assertThat(score.total()).isEqualTo(100);
    }

    @Test
    void shareKpisMapDirectlyToTheirSubScore() {
        Rubric rubric = Rubric.fromJson(Fixtures.json("""
                {"kpis": {"required_phrases": {"weight": 1}, "objections": {"weight": 1}, "goal": {"weight": 2}},
                 "required_phrases": ["my name is", "nmls", "recorded line"],
                 "objections": [{"id": "rate", "keywords": ["rate"], "addressed_when": ["lock"]},
                                {"id": "fees", "keywords": ["fees"], "addressed_when": ["waive"]}],
                 "goal": {"rep_asks": ["meet"], "prospect_agrees": ["that works"]}}"""));
        CallRecord call = CallRecord.of(List.of(
                rep("My name is Sam, NMLS 12345.", 0, 3_000),
                prospect("Your rate is high and so are your fees.", 3_500, 6_000),
                rep("We can waive the fees.", 6_500, 8_000),
                rep("Can we meet next week?", 8_500, 10_000),
                prospect("No.", 10_500, 11_000)));

        Score score = CallScorer.score(call, rubric);

        assertKpi(score, Kpi.REQUIRED_PHRASES, 200.0 / 3, "2/3", 67);
        assertKpi(score, Kpi.OBJECTIONS, 50.0, "1/2 addressed", 50);
        assertKpi(score, Kpi.GOAL, 0.0, "not reached", 0);
        // (67 + 50 + 2*0) / 4 = 29.25
        assertThat(score.total()).isEqualTo(29);
    }

    @Test
    void objectionsNeverRaisedDoNotApply() {
        Rubric rubric = Rubric.fromJson(Fixtures.json("""
                {"kpis": {"objections": {"weight": 1}},
                 "objections": [{"id": "rate", "keywords": ["rate"], "addressed_when": ["lock"]}]}"""));

        Score score = CallScorer.score(CallRecord.of(List.of(prospect("Hello?", 0, 1_000))), rubric);

        assertThat(score.kpi(Kpi.OBJECTIONS).orElseThrow().reason()).contains("no objection was raised");
        assertThat(score.total()).isZero();
    }

    @Test
    void weightedShareKpisWithNothingListedDoNotApply() {
        Rubric rubric = Rubric.fromJson(Fixtures.json("""
                {"kpis": {"required_phrases": {"weight": 1}, "objections": {"weight": 1},
                          "questions": {"weight": 1, "target": [1, 5]}}}"""));

        Score score = CallScorer.score(CallRecord.of(List.of(rep("How are you?", 0, 1_000))), rubric);

        assertThat(score.kpi(Kpi.REQUIRED_PHRASES).orElseThrow().reason()).contains("the rubric lists no required phrases");
        assertThat(score.kpi(Kpi.OBJECTIONS).orElseThrow().reason()).contains("the rubric lists no objections");
        assertThat(score.total()).isEqualTo(100);
    }

    @Test
    void aRubricWithoutKpisStillMeasuresTheCall() {
        Score score = CallScorer.score(Fixtures.refinanceCall(), Rubric.none());

        assertThat(score.total()).isZero();
        assertThat(score.kpis()).isEmpty();
        assertThat(score.metrics().repWords()).isEqualTo(47);
        assertThat(score.toJson().get("kpis").isEmpty()).isTrue();
        assertThat(score.toJson().at("/details/required_phrases").isNull()).isTrue();
        assertThat(score.toJson().at("/details/goal").isNull()).isTrue();
    }

    private static void assertKpi(Score score, Kpi kpi, double value, String display, int subScore) {
        KpiScore line = score.kpi(kpi).orElseThrow();
        assertThat(line.value().orElseThrow()).as(kpi + " value").isCloseTo(value, offset(1e-9));
        assertThat(line.display()).as(kpi + " display").isEqualTo(display);
        assertThat(line.score()).as(kpi + " score").isEqualTo(OptionalInt.of(subScore));
    }

    private static String resource(String name) {
        try (InputStream in = CallScorerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
