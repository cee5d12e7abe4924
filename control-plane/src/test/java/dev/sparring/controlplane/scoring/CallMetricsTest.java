package dev.sparring.controlplane.scoring;

import static dev.sparring.controlplane.scoring.Utterance.prospect;
import static dev.sparring.controlplane.scoring.Utterance.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

    @Test
    void talkRatioCountsOverlappingSpeechForBothSpeakers() {
        // rep 0-30 s, prospect 20-40 s: rep 30 s, prospect 20 s, the 10 s overlap counted for both
        CallMetrics metrics = CallMetrics.of(CallRecord.of(List.of(
                rep("Long pitch.", 0, 30_000),
                prospect("Hold on, hold on.", 20_000, 40_000))), Rubric.none());

        assertThat(metrics.talkRatioPercent().orElseThrow()).isEqualTo(60.0);
    }

    @Test
    void silenceIsExcludedFromTheTalkRatio() {
        CallMetrics metrics = CallMetrics.of(new CallRecord(List.of(
                rep("Hi.", 0, 10_000),
                prospect("Hello.", 50_000, 80_000)), List.of(), 120_000), Rubric.none());

        assertThat(metrics.talkRatioPercent().orElseThrow()).isEqualTo(25.0);
    }

    @Test
    void fillerRateAndPaceArePerRepSpeakingMinuteAndIgnoreTheProspect() {
        // 30 s of rep speech: 8 + 7 = 15 words and 3 fillers
        CallMetrics metrics = CallMetrics.of(CallRecord.of(List.of(
                rep("Um, so, uh, our rate is, like, six.", 0, 15_000),
                prospect("Um, like, okay, I mean, sure.", 15_500, 20_000),
                rep("That is the lowest I can do.", 20_500, 35_500))), Rubric.none());

        assertThat(metrics.repWords()).isEqualTo(15);
        assertThat(metrics.fillerTotal()).isEqualTo(3);
        assertThat(metrics.fillers()).containsEntry(Filler.UM, 1).containsEntry(Filler.UH, 1)
                .containsEntry(Filler.LIKE, 1).containsEntry(Filler.I_MEAN, 0).hasSize(Filler.values().length);
        assertThat(metrics.fillerRatePerMinute().orElseThrow()).isCloseTo(6.0, offset(1e-9));
        assertThat(metrics.paceWordsPerMinute().orElseThrow()).isCloseTo(30.0, offset(1e-9));
    }

    @Test
    void ratesWithoutRepSpeechAreEmptyNotNaN() {
        CallMetrics metrics = CallMetrics.of(CallRecord.of(List.of(prospect("Hello?", 0, 2_000))), Rubric.none());

        assertThat(metrics.fillerRatePerMinute()).isEmpty();
        assertThat(metrics.paceWordsPerMinute()).isEmpty();
        assertThat(metrics.medianResponseGapSeconds()).isEmpty();
        assertThat(metrics.longestMonologueSeconds()).isZero();
        assertThat(metrics.talkRatioPercent().orElseThrow()).isZero();
    }

    @Test
    void medianOfAnEvenNumberOfGapsIsTheMeanOfTheMiddleTwo() {
        CallMetrics metrics = CallMetrics.of(CallRecord.of(List.of(
                prospect("One.", 0, 1_000), rep("A.", 1_400, 2_000),
                prospect("Two.", 3_000, 4_000), rep("B.", 6_000, 7_000),
                prospect("Three.", 8_000, 9_000), rep("C.", 9_600, 10_000),
                prospect("Four.", 11_000, 12_000), rep("D.", 12_800, 13_000))), Rubric.none());

        assertThat(metrics.responseGapsMs()).containsExactly(400L, 2_000L, 600L, 800L);
        assertThat(metrics.medianResponseGapSeconds().orElseThrow()).isCloseTo(0.7, offset(1e-9));
        // 7 switches over 13 s
        assertThat(metrics.switchesPerMinute().orElseThrow()).isCloseTo(7 * 60.0 / 13, offset(1e-9));
    }

    @Test
    void questionsAreTheRepsOnly() {
        CallMetrics metrics = CallMetrics.of(CallRecord.of(List.of(
                prospect("Who is this? Why are you calling?", 0, 2_000),
                rep("It's Sam. How are rates treating you? Are you free Tuesday?", 2_500, 6_000))), Rubric.none());

        assertThat(metrics.questions()).extracting(Question::kind).containsExactly(QuestionKind.OPEN, QuestionKind.CLOSED);
        assertThat(metrics.questionCount(QuestionKind.OPEN)).isEqualTo(1);
    }
}
