package dev.sparring.controlplane;

import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallEvent;
import dev.sparring.controlplane.calls.CallEventRepository;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallState;
import dev.sparring.controlplane.calls.IngestionService;
import dev.sparring.controlplane.calls.ScoreRepository;
import dev.sparring.controlplane.calls.UtteranceRepository;
import dev.sparring.controlplane.catalog.ScenarioRepository;
import dev.sparring.controlplane.live.LiveEvents;
import dev.sparring.controlplane.scoring.BargeIn;
import dev.sparring.controlplane.scoring.CallRecord;
import dev.sparring.controlplane.scoring.CallScorer;
import dev.sparring.controlplane.scoring.Rubric;
import dev.sparring.controlplane.scoring.Score;
import dev.sparring.controlplane.scoring.Speaker;
import dev.sparring.controlplane.scoring.Utterance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished call's stored record into its score: utterances and barge-ins from the database,
 * the scenario's rubric, {@link CallScorer} (a pure function), and the result stored. Recomputable
 * at any time; the call moves to {@code scored}. Thread-safe (all state is in the database).
 */
public final class CallScoring {
    private static final Logger log = LoggerFactory.getLogger(CallScoring.class);

    private final CallRepository calls;
    private final UtteranceRepository utterances;
    private final CallEventRepository events;
    private final ScenarioRepository scenarios;
    private final ScoreRepository scores;
    private final IngestionService ingestion;
    private final LiveEvents live;
    private final Counter scored;

    public CallScoring(CallRepository calls, UtteranceRepository utterances, CallEventRepository events,
                       ScenarioRepository scenarios, ScoreRepository scores, IngestionService ingestion, LiveEvents live,
                       MeterRegistry registry) {
        this.calls = calls;
        this.utterances = utterances;
        this.events = events;
        this.scenarios = scenarios;
        this.scores = scores;
        this.ingestion = ingestion;
        this.live = live;
        this.scored = Counter.builder("sparring.calls.scored").description("Calls scored").register(registry);
    }

    /** Scores every call whose record is complete (or given up on); returns how many. */
    public int scorePending() {
        List<Call> ready = ingestion.callsReadyToScore();
        for (Call call : ready) {
            try {
                score(call);
            } catch (RuntimeException e) {
                log.error("scoring call {} failed; it stays {} and is retried on the next pass", call.id(), call.state().dbValue(), e);
            }
        }
        return ready.size();
    }

    /** Scores a just-completed call at once when every event up to its last sequence number is stored. */
    public void scoreIfReady(Call call) {
        boolean complete = call.lastSeq().map(last -> events.missing(call.orgId(), call.id(), last).isEmpty()).orElse(false);
        if (call.state() == CallState.ENDED && complete) {
            score(call);
        }
    }

    /** Computes, stores and returns the score of a finished call. */
    public Score score(Call call) {
        Rubric rubric = scenarios.find(call.orgId(), call.scenarioId())
                .map(s -> Rubric.fromJson(s.rubric()))
                .orElseGet(Rubric::none);
        CallRecord record = record(call);
        Score score = CallScorer.score(record, rubric);
        scores.record(call.orgId(), call.id(), score.total(), score.toJson());
        calls.transition(call.orgId(), call.id(), EnumSet.of(CallState.ENDED, CallState.FAILED), CallState.SCORED);
        scored.increment();
        live.endCall(call.id());
        log.info("call {} scored {} ({} utterances)", call.id(), score.total(), record.utterances().size());
        return score;
    }

    CallRecord record(Call call) {
        List<Utterance> spoken = utterances.list(call.orgId(), call.id()).stream()
                .map(u -> new Utterance(u.speaker() == dev.sparring.controlplane.calls.Utterance.Speaker.REP
                        ? Speaker.REP : Speaker.PROSPECT, u.text(), u.startMs(), u.endMs(), u.interrupted()))
                .toList();
        List<CallEvent> all = events.list(call.orgId(), call.id());
        List<BargeIn> bargeIns = all.stream().filter(e -> "barge_in".equals(e.type()))
                .map(e -> BargeIn.fromEventData(e.data())).toList();
        long durationMs = call.startedAt()
                .flatMap(start -> call.endedAt().map(end -> Duration.between(start, end).toMillis()))
                .filter(ms -> ms >= 0)
                .orElseGet(() -> spoken.stream().mapToLong(Utterance::endMs).max().orElse(0));
        return new CallRecord(spoken, bargeIns, durationMs);
    }
}
