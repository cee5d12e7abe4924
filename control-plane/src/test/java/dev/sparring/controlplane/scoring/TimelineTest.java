package dev.sparring.controlplane.scoring;

import static dev.sparring.controlplane.scoring.Utterance.prospect;
import static dev.sparring.controlplane.scoring.Utterance.rep;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void overlappingSpeechCountsForEachSpeakerAndSameSpeakerOverlapOnce() {
        CallRecord call = CallRecord.of(List.of(
                rep("Hi, this is Sam.", 0, 4_000),
                rep("From Harbor Lending.", 3_000, 5_000),
                prospect("Who? I'm busy.", 4_500, 8_000),
                rep("It'll be quick.", 7_000, 9_000)));

        assertThat(Timeline.speakingMs(call, Speaker.REP)).isEqualTo(5_000 + 2_000);
        assertThat(Timeline.speakingMs(call, Speaker.PROSPECT)).isEqualTo(3_500);
    }

    @Test
    void consecutiveRepTurnsMergeIntoOneMonologue() {
        CallRecord call = CallRecord.of(List.of(
                rep("Let me explain our rates.", 0, 10_000),
                prospect("mm-hmm", 5_000, 5_500),
                rep("And our fees.", 11_000, 30_000),
                prospect("Okay.", 31_000, 33_000),
                rep("Does that help?", 34_000, 40_000)));

        assertThat(Timeline.longestMonologue(Timeline.turns(call))).contains(new Monologue(0, 30_000));
    }

    @Test
    void aProspectTurnBetweenRepTurnsBreaksTheMonologue() {
        CallRecord call = CallRecord.of(List.of(
                rep("Let me explain our rates.", 0, 10_000),
                prospect("Wait, what fee?", 10_200, 10_900),
                rep("The origination fee, which we waive for refinances this quarter.", 11_000, 30_000)));

        assertThat(Timeline.longestMonologue(Timeline.turns(call))).contains(new Monologue(11_000, 30_000));
    }

    @Test
    void noRepTurnMeansNoMonologue() {
        CallRecord call = CallRecord.of(List.of(prospect("Hello?", 0, 1_000)));

        assertThat(Timeline.longestMonologue(Timeline.turns(call))).isEmpty();
    }

    @Test
    void backchannelsAreTurnsOnlyWhenTheyDoNotOverlap() {
        Utterance overlapping = rep("uh-huh", 1_000, 1_300);
        Utterance answer = rep("Yes.", 2_500, 2_900);
        List<Utterance> all = List.of(prospect("Are you licensed in Ohio?", 0, 2_000), overlapping, answer);

        assertThat(Timeline.isBackchannel(overlapping, all)).isTrue();
        assertThat(Timeline.isBackchannel(answer, all)).isFalse();
    }

    @Test
    void speakerSwitchesCountChangesBetweenConsecutiveTurns() {
        CallRecord call = CallRecord.of(List.of(
                rep("Hi.", 0, 1_000),
                prospect("Hello.", 1_500, 2_000),
                prospect("Who is this?", 2_100, 3_000),
                rep("uh-huh", 2_500, 2_700),
                rep("Sam from Harbor.", 3_500, 5_000)));

        assertThat(Timeline.speakerSwitches(Timeline.turns(call))).isEqualTo(2);
    }

    @Test
    void responseGapsRunFromTheEndOfTheProspectTurnsAndSkipInterruptions() {
        CallRecord call = CallRecord.of(List.of(
                prospect("Hello?", 0, 2_000),
                rep("Hi, it's Sam.", 2_500, 4_000),
                prospect("Sam who?", 4_200, 6_000),
                prospect("Oh, Harbor. Go on.", 6_100, 7_000),
                rep("We cut rates.", 7_800, 9_000),
                prospect("I already have a lender and they...", 9_500, 12_000),
                rep("mm-hmm", 9_600, 9_900),
                rep("Sorry to jump in.", 11_000, 13_000),
                prospect("Go ahead.", 13_500, 14_000),
                rep("Thanks.", 14_000, 15_000)));

        assertThat(Timeline.responseGapsMs(Timeline.turns(call))).containsExactly(500L, 800L, 0L);
    }

    @Test
    void repStartingWhileTheProspectSpeaksIsAnInterruption() {
        CallRecord call = CallRecord.of(List.of(
                prospect("Our current lender offered us...", 0, 5_000),
                rep("What rate?", 3_000, 4_000),
                rep("mm-hmm", 1_000, 1_200),
                prospect("Five point", 6_000, 8_000),
                rep("And the term?", 6_000, 7_000)));

        assertThat(Timeline.interruptions(call, Timeline.turns(call))).isEqualTo(new Interruptions(1, 0, 0));
    }

    @Test
    void aBargeInAndTheOverlappingRepTurnItExplainsCountOnce() {
        CallRecord call = new CallRecord(List.of(
                prospect("Our current lender offered us a great", 0, 3_300),
                rep("Sorry to jump in, what rate?", 2_800, 5_000)),
                List.of(new BargeIn(3_300)), 6_000);

        assertThat(Timeline.interruptions(call, Timeline.turns(call))).isEqualTo(new Interruptions(1, 0, 1));
    }

    @Test
    void bargeInsThatMatchNoRepTurnStillCount() {
        CallRecord call = new CallRecord(List.of(
                prospect("Let me tell you about our situation.", 0, 4_000),
                rep("What rate?", 3_000, 4_000)),
                List.of(new BargeIn(3_500), new BargeIn(20_000)), 30_000);

        assertThat(Timeline.interruptions(call, Timeline.turns(call))).isEqualTo(new Interruptions(2, 0, 2));
    }

    @Test
    void prospectStartingWhileTheRepSpeaksIsAProspectInterruption() {
        CallRecord call = CallRecord.of(List.of(
                rep("Our rates this quarter are the lowest in the state, and", 0, 6_000),
                prospect("I've heard that before.", 4_000, 5_500),
                prospect("right", 5_600, 5_800)));

        assertThat(Timeline.interruptions(call, Timeline.turns(call))).isEqualTo(new Interruptions(0, 1, 0));
    }
}
