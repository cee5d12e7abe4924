package dev.sparring.controlplane.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UtteranceTest {

    @Test
    void readsTheContractUtteranceEvent() {
        Utterance utterance = Utterance.fromEventData(Fixtures.json("""
                {"speaker": "prospect", "turn": 3, "text": "What rate?", "start_ms": 1200, "end_ms": 4100,
                 "recognised": true, "interrupted": true, "generated_text": "What rate are we talking about?"}"""));

        assertThat(utterance).isEqualTo(new Utterance(Speaker.PROSPECT, "What rate?", 1_200, 4_100, true));
    }

    @Test
    void interruptedDefaultsToFalse() {
        assertThat(Utterance.fromEventData(Fixtures.json("""
                {"speaker": "REP", "text": "", "start_ms": 0, "end_ms": 0}""")).interrupted()).isFalse();
    }

    @Test
    void namesTheBadField() {
        assertBad("""
                {"text": "hi", "start_ms": 0, "end_ms": 1}""", "utterance.speaker is missing or not a string");
        assertBad("""
                {"speaker": "coach", "text": "hi", "start_ms": 0, "end_ms": 1}""", "unknown speaker \"coach\" (expected rep or prospect)");
        assertBad("""
                {"speaker": "rep", "start_ms": 0, "end_ms": 1}""", "utterance.text is missing or not a string");
        assertBad("""
                {"speaker": "rep", "text": "hi", "start_ms": 1.5, "end_ms": 3}""", "utterance.start_ms is missing or not an integer");
        assertBad("""
                {"speaker": "rep", "text": "hi", "start_ms": 0}""", "utterance.end_ms is missing or not an integer");
        assertBad("""
                {"speaker": "rep", "text": "hi", "start_ms": 5, "end_ms": 4}""", "utterance.end_ms (4) is before start_ms (5)");
        assertBad("""
                {"speaker": "rep", "text": "hi", "start_ms": 0, "end_ms": 4, "interrupted": "yes"}""", "utterance.interrupted must be a boolean");
    }

    @Test
    void readsTheContractBargeInEvent() {
        assertThat(BargeIn.fromEventData(Fixtures.json("""
                {"turn": 4, "at_ms": 15200, "heard_ms": 1300}"""))).isEqualTo(new BargeIn(15_200));
        assertThatThrownBy(() -> BargeIn.fromEventData(Fixtures.json("{\"turn\": 4}")))
                .isInstanceOf(ScoringException.class).hasMessage("barge_in.at_ms is missing or not an integer");
    }

    @Test
    void callRecordsSortByTimeAndCoverEveryUtterance() {
        Utterance late = Utterance.rep("Bye.", 9_000, 9_500);
        Utterance early = Utterance.prospect("Hello?", 0, 800);
        CallRecord call = new CallRecord(List.of(late, early), List.of(new BargeIn(5), new BargeIn(1)), 5_000);

        assertThat(call.utterances()).containsExactly(early, late);
        assertThat(call.bargeIns()).containsExactly(new BargeIn(1), new BargeIn(5));
        assertThat(call.effectiveDurationMs()).isEqualTo(9_500);
        assertThatThrownBy(() -> new CallRecord(List.of(), List.of(), -1)).isInstanceOf(ScoringException.class);
    }

    private static void assertBad(String json, String message) {
        assertThatThrownBy(() -> Utterance.fromEventData(Fixtures.json(json)))
                .isInstanceOf(ScoringException.class).hasMessage(message);
    }
}
