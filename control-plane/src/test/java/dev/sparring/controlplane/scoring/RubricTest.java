package dev.sparring.controlplane.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RubricTest {

    @Test
    void parsesTheReferenceScenarioRubric() {
        Rubric rubric = Fixtures.refinanceRubric();

        assertThat(rubric.kpis().keySet()).containsExactly(Kpi.values());
        assertThat(rubric.kpis().get(Kpi.TALK_RATIO)).isEqualTo(KpiWeight.of(15, 35, 55));
        assertThat(rubric.kpis().get(Kpi.PATIENCE)).isEqualTo(KpiWeight.of(5, 0.4, 2.0));
        assertThat(rubric.kpis().get(Kpi.GOAL)).isEqualTo(KpiWeight.share(10));
        assertThat(rubric.requiredPhrases()).containsExactly("my name is", "nmls");
        assertThat(rubric.objections()).containsExactly(new Objection("rate", List.of("rate", "lower", "quote"),
                List.of("lock", "apr", "closing costs", "compare")));
        assertThat(rubric.goal()).contains(new Goal("book a follow-up meeting",
                List.of("meet", "schedule", "follow-up", "follow up", "call back"),
                List.of("that works", "let's do it", "send me the invite")));
    }

    @Test
    void kpisAbsentFromTheRubricAreNotScored() {
        Rubric rubric = Rubric.fromJson(Fixtures.json("""
                {"kpis": {"pace": {"weight": 2, "target": [130, 160]}}}"""));

        assertThat(rubric.kpis()).containsOnlyKeys(Kpi.PACE);
        assertThat(rubric.requiredPhrases()).isEmpty();
        assertThat(rubric.objections()).isEmpty();
        assertThat(rubric.goal()).isEmpty();
        assertThat(Rubric.fromJson(Fixtures.json("{}"))).isEqualTo(Rubric.none());
    }

    @Test
    void kpisIterateInCanonicalOrderWhateverTheirOrderInTheRubric() {
        Rubric rubric = Rubric.fromJson(Fixtures.json("""
                {"kpis": {"interactivity": {"weight": 1, "target": [2, 10]},
                          "talk_ratio": {"weight": 1, "target": [35, 55]}}}"""));

        assertThat(rubric.kpis().keySet()).containsExactly(Kpi.TALK_RATIO, Kpi.INTERACTIVITY);
    }

    @Test
    void rejectsAnUnknownKpiNamingIt() {
        assertRejected("""
                {"kpis": {"talk_ration": {"weight": 1, "target": [35, 55]}}}""",
                "rubric.kpis.talk_ration is not a known KPI (known: talk_ratio, filler_rate,");
    }

    @Test
    void rejectsBadWeights() {
        assertRejected("""
                {"kpis": {"pace": {"target": [130, 160]}}}""", "rubric.kpis.pace.weight must be a positive number, got nothing");
        assertRejected("""
                {"kpis": {"pace": {"weight": 0, "target": [130, 160]}}}""", "rubric.kpis.pace.weight must be a positive number, got 0");
        assertRejected("""
                {"kpis": {"pace": {"weight": "high", "target": [130, 160]}}}""", "rubric.kpis.pace.weight must be a positive number, got \"high\"");
        assertRejected("""
                {"kpis": {"pace": 10}}""", "rubric.kpis.pace must be an object {weight, target}");
    }

    @Test
    void rejectsBadTargets() {
        assertRejected("""
                {"kpis": {"pace": {"weight": 1}}}""", "rubric.kpis.pace.target is required: [lo, hi]");
        assertRejected("""
                {"kpis": {"pace": {"weight": 1, "target": [130]}}}""", "rubric.kpis.pace.target must be [lo, hi] with two numbers, got [130]");
        assertRejected("""
                {"kpis": {"pace": {"weight": 1, "target": ["slow", "fast"]}}}""", "rubric.kpis.pace.target must be [lo, hi]");
        assertRejected("""
                {"kpis": {"pace": {"weight": 1, "target": [160, 130]}}}""", "rubric.kpis.pace.target lower bound 160.0 is above upper bound 130.0");
    }

    @Test
    void acceptsWhatTheCatalogAcceptsForShareKpis() {
        Rubric rubric = Rubric.fromJson(Fixtures.json("""
                {"kpis": {"required_phrases": {"weight": 1, "target": [50, 100]}, "objections": {"weight": 2}}}"""));

        assertThat(rubric.kpis()).containsEntry(Kpi.REQUIRED_PHRASES, KpiWeight.share(1))
                .containsEntry(Kpi.OBJECTIONS, KpiWeight.share(2));
        assertThat(rubric.requiredPhrases()).isEmpty();
        assertThat(rubric.objections()).isEmpty();
    }

    @Test
    void rejectsAWeightedGoalWithoutAGoal() {
        assertRejected("""
                {"kpis": {"goal": {"weight": 1}}}""", "rubric.goal is required when kpis.goal is weighted");
    }

    @Test
    void rejectsMalformedPhrasesObjectionsAndGoals() {
        assertRejected("""
                {"required_phrases": ["my name is", 5]}""", "rubric.required_phrases[1] must be a string, got 5");
        assertRejected("""
                {"required_phrases": ["my name is", "?!"]}""", "rubric.required_phrases[1] has no words to match: \"?!\"");
        assertRejected("""
                {"required_phrases": "my name is"}""", "rubric.required_phrases must be a list of strings");
        assertRejected("""
                {"objections": [{"id": "rate", "addressed_when": ["lock"]}]}""", "rubric.objections[0].keywords must list at least one phrase");
        assertRejected("""
                {"objections": [{"keywords": ["rate"], "addressed_when": ["lock"]}]}""", "rubric.objections[0].id is missing");
        assertRejected("""
                {"objections": [{"id": "rate", "keywords": ["rate"], "addressed_when": ["lock"]},
                                {"id": "rate", "keywords": ["fee"], "addressed_when": ["waive"]}]}""",
                "rubric.objections has a duplicate id \"rate\"");
        assertRejected("""
                {"goal": {"rep_asks": ["meet"]}}""", "rubric.goal.prospect_agrees must list at least one phrase");
        assertRejected("""
                {"goal": "meet"}""", "rubric.goal must be an object");
        assertRejected("[]", "rubric must be an object");
    }

    @Test
    void programmaticRubricsAreValidatedToo() {
        assertThatThrownBy(() -> new Rubric(Map.of(Kpi.PACE, KpiWeight.share(1)), List.of(), List.of(), Optional.empty()))
                .isInstanceOf(RubricException.class).hasMessage("rubric.kpis.pace.target is required: [lo, hi]");
        assertThatThrownBy(() -> KpiWeight.share(-1)).isInstanceOf(RubricException.class);
        assertThatThrownBy(() -> new TargetRange(2, 1)).isInstanceOf(RubricException.class);
    }

    private static void assertRejected(String rubricJson, String messageStart) {
        assertThatThrownBy(() -> Rubric.fromJson(Fixtures.json(rubricJson)))
                .isInstanceOf(RubricException.class)
                .hasMessageStartingWith(messageStart);
    }
}
