package dev.sparring.controlplane.scoring;

import static dev.sparring.controlplane.scoring.Utterance.prospect;
import static dev.sparring.controlplane.scoring.Utterance.rep;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScenarioChecksTest {

    private static final Objection RATE = new Objection("rate", List.of("rate", "lower", "quote"),
            List.of("lock", "apr", "closing costs", "compare"));
    private static final Objection TIMING = new Objection("timing", List.of("busy"), List.of("later"));
    private static final Goal MEETING = new Goal("book a follow-up meeting",
            List.of("meet", "schedule", "follow-up", "call back"), List.of("that works", "send me the invite"));

    @Test
    void requiredPhrasesAreSaidOnlyByTheRep() {
        CallRecord call = CallRecord.of(List.of(
                prospect("What's your NMLS number?", 0, 2_000),
                rep("Hi, my name is Sam.", 2_500, 4_000)));

        assertThat(ScenarioChecks.requiredPhrases(call, List.of("my name is", "nmls")))
                .contains(new PhraseCoverage(List.of("my name is"), List.of("nmls")));
        assertThat(ScenarioChecks.requiredPhrases(call, List.of())).isEmpty();
    }

    @Test
    void anObjectionIsAddressedByALaterRepUtterance() {
        CallRecord call = CallRecord.of(List.of(
                rep("Let's compare offers.", 0, 2_000),
                prospect("Honestly, the online quote I got was a quarter point lower.", 3_000, 6_000),
                rep("Did that quote include closing costs?", 6_500, 9_000)));

        assertThat(ScenarioChecks.objections(call, List.of(RATE, TIMING))).containsExactly(
                new ObjectionOutcome("rate", OptionalLong.of(3_000), OptionalLong.of(6_500)),
                new ObjectionOutcome("timing", OptionalLong.empty(), OptionalLong.empty()));
    }

    @Test
    void anAnswerGivenBeforeTheObjectionDoesNotAddressIt() {
        CallRecord call = CallRecord.of(List.of(
                rep("We can lock your rate today.", 0, 2_000),
                prospect("The online quote was lower.", 3_000, 6_000),
                rep("I see.", 6_500, 7_000)));

        assertThat(ScenarioChecks.objections(call, List.of(RATE))).containsExactly(
                new ObjectionOutcome("rate", OptionalLong.of(3_000), OptionalLong.empty()));
    }

    @Test
    void theGoalIsReachedWhenTheProspectAgreesAfterTheRepAsks() {
        CallRecord call = CallRecord.of(List.of(
                rep("Could we schedule a follow-up on Tuesday?", 10_000, 13_000),
                prospect("Okay, that works. Send me the invite.", 13_500, 16_000)));

        GoalOutcome outcome = ScenarioChecks.goal(call, MEETING);
        assertThat(outcome).isEqualTo(new GoalOutcome(OptionalLong.of(10_000), OptionalLong.of(13_500)));
        assertThat(outcome.reached()).isTrue();
    }

    @Test
    void agreementBeforeTheAskOrWithoutAnAskIsNotTheGoal() {
        CallRecord early = CallRecord.of(List.of(
                prospect("Tuesday? That works for my dentist.", 0, 2_000),
                rep("Can we meet Friday?", 3_000, 5_000),
                prospect("No, I'm away.", 5_500, 6_500)));
        CallRecord unasked = CallRecord.of(List.of(prospect("That works.", 0, 1_000)));

        assertThat(ScenarioChecks.goal(early, MEETING))
                .isEqualTo(new GoalOutcome(OptionalLong.of(3_000), OptionalLong.empty()));
        assertThat(ScenarioChecks.goal(unasked, MEETING).reached()).isFalse();
    }
}
