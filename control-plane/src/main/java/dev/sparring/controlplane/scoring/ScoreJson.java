package dev.sparring.controlplane.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Writes a {@link Score} in the shape documented on {@link Score}. */
final class ScoreJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScoreJson() {
    }

    static ObjectNode write(Score score) {
        ObjectNode root = NODES.objectNode();
        root.put("version", Score.VERSION);
        root.put("total", score.total());
        root.put("empty", score.empty());
        ObjectNode kpis = root.putObject("kpis");
        for (KpiScore kpi : score.kpis()) {
            kpis.set(kpi.kpi().key(), kpi(kpi));
        }
        root.set("details", details(score.metrics()));
        return root;
    }

    static String text(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new ScoringException("cannot serialise score: " + e.getMessage());
        }
    }

    private static ObjectNode kpi(KpiScore kpi) {
        ObjectNode node = NODES.objectNode();
        node.set("value", number(kpi.value()));
        node.put("display", kpi.display());
        node.set("target", kpi.target().<JsonNode>map(t -> NODES.arrayNode().add(number(t.lo())).add(number(t.hi())))
                .orElse(NODES.nullNode()));
        node.set("score", kpi.score().isPresent() ? NODES.numberNode(kpi.score().getAsInt()) : NODES.nullNode());
        node.set("weight", number(kpi.weight()));
        node.set("reason", kpi.reason().<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
        return node;
    }

    private static ObjectNode details(CallMetrics m) {
        ObjectNode details = NODES.objectNode();
        ObjectNode talk = details.putObject("talk");
        talk.put("rep_ms", m.repSpeakingMs());
        talk.put("prospect_ms", m.prospectSpeakingMs());
        talk.put("call_ms", m.callMs());

        ObjectNode fillers = details.putObject("fillers");
        fillers.put("total", m.fillerTotal());
        fillers.set("per_minute", number(m.fillerRatePerMinute()));
        ObjectNode breakdown = fillers.putObject("breakdown");
        for (Map.Entry<Filler, Integer> entry : m.fillers().entrySet()) {
            breakdown.put(entry.getKey().key(), entry.getValue());
        }

        ObjectNode pace = details.putObject("pace");
        pace.put("rep_words", m.repWords());
        pace.set("words_per_minute", number(m.paceWordsPerMinute()));

        ObjectNode monologue = details.putObject("monologue");
        monologue.set("longest_s", number(m.longestMonologueSeconds()));
        monologue.set("start_ms", millis(m.longestMonologue().map(Monologue::startMs)));
        monologue.set("end_ms", millis(m.longestMonologue().map(Monologue::endMs)));

        ObjectNode questions = details.putObject("questions");
        questions.put("open", m.questionCount(QuestionKind.OPEN));
        questions.put("closed", m.questionCount(QuestionKind.CLOSED));
        ArrayNode asked = questions.putArray("asked");
        for (Question question : m.questions()) {
            asked.addObject().put("text", question.text()).put("kind", question.kind().key())
                    .put("at_ms", question.atMs());
        }

        ObjectNode interruptions = details.putObject("interruptions");
        interruptions.put("by_rep", m.interruptions().byRep());
        interruptions.put("by_prospect", m.interruptions().byProspect());
        interruptions.put("barge_ins", m.interruptions().bargeIns());

        ObjectNode patience = details.putObject("patience");
        patience.set("median_s", number(m.medianResponseGapSeconds()));
        ArrayNode gaps = patience.putArray("gaps_s");
        m.responseGapsMs().forEach(gap -> gaps.add(number(gap / 1000.0)));

        ObjectNode interactivity = details.putObject("interactivity");
        interactivity.put("switches", m.speakerSwitches());
        interactivity.set("per_minute", number(m.switchesPerMinute()));

        details.set("required_phrases", m.requiredPhrases().<JsonNode>map(c -> {
            ObjectNode node = NODES.objectNode();
            c.said().forEach(node.putArray("said")::add);
            c.missing().forEach(node.putArray("missing")::add);
            return node;
        }).orElse(NODES.nullNode()));

        ArrayNode objections = details.putArray("objections");
        for (ObjectionOutcome outcome : m.objections()) {
            ObjectNode node = objections.addObject();
            node.put("id", outcome.id());
            node.put("raised", outcome.raised());
            node.put("addressed", outcome.addressed());
            node.set("raised_at_ms", millis(outcome.raisedAtMs()));
            node.set("addressed_at_ms", millis(outcome.addressedAtMs()));
        }

        details.set("goal", m.goal().<JsonNode>map(g -> {
            ObjectNode node = NODES.objectNode();
            node.put("reached", g.reached());
            node.set("asked_at_ms", millis(g.askedAtMs()));
            node.set("agreed_at_ms", millis(g.agreedAtMs()));
            return node;
        }).orElse(NODES.nullNode()));
        return details;
    }

    /** Two decimals, half up; whole numbers without a fraction so 100 is written as {@code 100}. */
    static JsonNode number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        if (rounded.stripTrailingZeros().scale() <= 0) {
            return NODES.numberNode(rounded.longValueExact());
        }
        return NODES.numberNode(rounded.doubleValue());
    }

    private static JsonNode number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : NODES.nullNode();
    }

    private static JsonNode millis(OptionalLong value) {
        return value.isPresent() ? NODES.numberNode(value.getAsLong()) : NODES.nullNode();
    }

    private static JsonNode millis(Optional<Long> value) {
        return value.<JsonNode>map(NODES::numberNode).orElse(NODES.nullNode());
    }
}
