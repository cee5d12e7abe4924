package dev.sparring.controlplane.calls;

import static dev.sparring.controlplane.calls.CallFixture.batch;
import static dev.sparring.controlplane.calls.CallFixture.event;
import static dev.sparring.controlplane.calls.CallFixture.live;
import static dev.sparring.controlplane.calls.CallFixture.utterance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.db.PostgresExtension;
import dev.sparring.controlplane.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class IngestionServiceTest {

    private final Jdbc jdbc = TestDatabase.shared().jdbc();
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:01Z");
    private final IngestionService ingestion = new IngestionService(jdbc, clock, CallTimeouts.defaults());
    private final CallEventRepository events = new CallEventRepository(jdbc);
    private final UtteranceRepository utterances = new UtteranceRepository(jdbc);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private CallFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CallFixture(jdbc, clock);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void batchIsStoredAndMaterialised() {
        Call call = fixture.newCall();

        IngestionResult result = ingestion.ingest(batch(List.of(call.id()),
                live(call.id(), 1),
                utterance(call.id(), 2, "prospect", "Hi, this is Jordan."),
                utterance(call.id(), 3, "rep", "Hi Jordan, my name is Sam, NMLS 12345."),
                event(call.id(), 4, "future.type", "2026-11-22T10:00:04Z", "{\"x\":1}")));

        assertThat(result).isEqualTo(new IngestionResult(4, 0, List.of()));
        Call stored = fixture.calls.find(fixture.org.id(), call.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(CallState.LIVE);
        assertThat(stored.startedAt()).contains(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(stored.lastHeartbeatAt()).contains(clock.instant());
        assertThat(stored.mediaServerId()).contains("ms-1");
        assertThat(stored.mediaServerUrl()).contains("http://127.0.0.1:8081");
        assertThat(events.list(fixture.org.id(), call.id())).extracting(CallEvent::type)
                .containsExactly("call.live", "utterance", "utterance", "future.type");
        List<Utterance> transcript = utterances.list(fixture.org.id(), call.id());
        assertThat(transcript).extracting(Utterance::speaker)
                .containsExactly(Utterance.Speaker.PROSPECT, Utterance.Speaker.REP);
        assertThat(transcript.getFirst().generatedText()).contains("Hi, this is Jordan. And more.");
        assertThat(transcript.get(1).text()).isEqualTo("Hi Jordan, my name is Sam, NMLS 12345.");
        assertThat(events.list(fixture.otherOrg.id(), call.id())).isEmpty();
        assertThat(utterances.list(fixture.otherOrg.id(), call.id())).isEmpty();
    }

    @Test
    void duplicateAndOutOfOrderBatchesAreStoredExactlyOnce() {
        Call call = fixture.newCall();
        EventBatch later = batch(List.of(), utterance(call.id(), 3, "rep", "three"), utterance(call.id(), 4, "prospect", "four"));
        EventBatch earlier = batch(List.of(), live(call.id(), 1), utterance(call.id(), 2, "prospect", "two"));

        assertThat(ingestion.ingest(later)).isEqualTo(new IngestionResult(2, 0, List.of()));
        assertThat(ingestion.ingest(earlier)).isEqualTo(new IngestionResult(2, 0, List.of()));
        assertThat(ingestion.ingest(later)).isEqualTo(new IngestionResult(0, 2, List.of()));
        assertThat(ingestion.ingest(batch(List.of(), utterance(call.id(), 5, "rep", "five"),
                utterance(call.id(), 5, "rep", "five"), utterance(call.id(), 2, "prospect", "two"))))
                .as("duplicates within one batch too").isEqualTo(new IngestionResult(1, 2, List.of()));

        assertThat(events.list(fixture.org.id(), call.id())).extracting(CallEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(utterances.list(fixture.org.id(), call.id())).extracting(Utterance::text)
                .containsExactly("two", "three", "four", "five");
    }

    @Test
    void unknownCallsAndMalformedUtterancesAreRejectedNotStored() {
        Call call = fixture.newCall();
        UUID unknown = UUID.randomUUID();

        IngestionResult result = ingestion.ingest(batch(List.of(unknown),
                live(call.id(), 1),
                live(unknown, 1),
                event(call.id(), 2, "utterance", "2026-11-22T10:00:02Z", "{\"speaker\":\"coach\",\"text\":\"x\"}")));

        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejected()).containsExactlyInAnyOrder(
                new RejectedEvent(unknown, 1, "unknown call"),
                new RejectedEvent(call.id(), 2, "malformed utterance: data.speaker must be rep or prospect"));
        assertThat(events.list(fixture.org.id(), call.id())).hasSize(1);
    }

    @Test
    void concurrentDuplicateBatchesFromTwoThreadsAreStoredExactlyOnce() throws Exception {
        List<UUID> callIds = List.of(fixture.newCall().id(), fixture.newCall().id(), fixture.newCall().id());
        int rounds = 20;
        int perCallPerRound = 10;
        CyclicBarrier start = new CyclicBarrier(2);
        int storedTotal = 0;
        int duplicateTotal = 0;
        for (int round = 0; round < rounds; round++) {
            List<IncomingEvent> roundEvents = new ArrayList<>();
            for (UUID callId : callIds) {
                for (int i = 1; i <= perCallPerRound; i++) {
                    long seq = (long) round * perCallPerRound + i;
                    roundEvents.add(utterance(callId, seq, seq % 2 == 0 ? "rep" : "prospect", "line " + seq));
                }
            }
            EventBatch batch = new EventBatch("ms-1", "http://ms-1", callIds, roundEvents);
            // The second thread sends the same events in reverse order, as a retry racing its original might.
            EventBatch reversed = new EventBatch("ms-1", "http://ms-1", callIds.reversed(), roundEvents.reversed());
            Future<IngestionResult> first = threads.submit(() -> {
                start.await();
                return ingestion.ingest(batch);
            });
            Future<IngestionResult> second = threads.submit(() -> {
                start.await();
                return ingestion.ingest(reversed);
            });
            IngestionResult a = first.get();
            IngestionResult b = second.get();
            assertThat(a.stored() + b.stored()).isEqualTo(roundEvents.size());
            assertThat(a.duplicates() + b.duplicates()).isEqualTo(roundEvents.size());
            storedTotal += a.stored() + b.stored();
            duplicateTotal += a.duplicates() + b.duplicates();
        }
        int expected = rounds * perCallPerRound * callIds.size();
        assertThat(storedTotal).isEqualTo(expected);
        assertThat(duplicateTotal).isEqualTo(expected);
        assertThat(jdbc.queryOne("SELECT count(*) FROM call_events", row -> row.getLong(1))).contains((long) expected);
        assertThat(jdbc.queryOne("SELECT count(*) FROM utterances", row -> row.getLong(1))).contains((long) expected);
    }

    @Test
    void appliedInjectionEventMarksTheInjectionApplied() {
        Call call = fixture.newCall();
        InjectionRepository injections = new InjectionRepository(jdbc, clock);
        Injection requested = injections.create(fixture.org.id(), call.id(), Injection.Kind.CURVEBALL,
                "Your CFO just asked for competitive quotes", Injection.Timing.NEXT_TURN,
                Optional.of(fixture.rep.id())).orElseThrow();
        assertThat(injections.markForwarded(fixture.org.id(), requested.id())).isTrue();

        ingestion.ingest(batch(List.of(call.id()), live(call.id(), 1), event(call.id(), 2, "injection.applied",
                "2026-11-22T10:00:09Z", "{\"injection_id\":\"" + requested.id()
                        + "\",\"kind\":\"curveball\",\"text\":\"…\",\"timing\":\"next-turn\",\"turn\":5}")));

        Injection applied = injections.find(fixture.org.id(), requested.id()).orElseThrow();
        assertThat(applied.status()).isEqualTo(Injection.Status.APPLIED);
        assertThat(applied.appliedAt()).contains(Instant.parse("2026-11-22T10:00:09Z"));
        assertThat(injections.markFailed(fixture.org.id(), requested.id(), "late timeout")).isFalse();
        assertThat(injections.create(fixture.otherOrg.id(), call.id(), Injection.Kind.CONTEXT, "x",
                Injection.Timing.NOW, Optional.empty())).as("another org's call").isEmpty();
        assertThat(injections.list(fixture.otherOrg.id(), call.id())).isEmpty();
    }

    @Test
    void completedCallIsReadyToScoreOnceEveryEventIsStored() {
        Call call = fixture.newCall();
        ingestion.ingest(batch(List.of(call.id()), live(call.id(), 1), utterance(call.id(), 2, "prospect", "two"),
                utterance(call.id(), 4, "prospect", "four")));

        Call ended = ingestion.complete(call.id(), "hangup", 4, Instant.parse("2026-11-22T10:05:00Z")).orElseThrow();
        assertThat(ended.state()).isEqualTo(CallState.ENDED);
        assertThat(ended.lastSeq()).contains(4L);
        assertThat(ended.endReason()).contains("hangup");
        assertThat(ingestion.complete(call.id(), "hangup", 4, Instant.parse("2026-11-22T10:05:00Z")))
                .as("completion is idempotent").contains(ended);
        assertThat(events.missing(fixture.org.id(), call.id(), 4)).containsExactly(3L);
        assertThat(ingestion.callsReadyToScore()).as("seq 3 is missing").isEmpty();

        ingestion.ingest(batch(List.of(), utterance(call.id(), 3, "rep", "three")));

        assertThat(ingestion.callsReadyToScore()).extracting(Call::id).containsExactly(call.id());
        assertThat(ingestion.complete(UUID.randomUUID(), "hangup", 1, clock.instant())).isEmpty();
        assertThatThrownBy(() -> ingestion.complete(call.id(), "bored", 4, clock.instant()))
                .isInstanceOf(CallException.class).hasMessageContaining("bored");
    }

    @Test
    void callWithLostEventsIsScoredWithWhatExistsAfterTheGrace() {
        Call call = fixture.newCall();
        ingestion.ingest(batch(List.of(call.id()), live(call.id(), 1)));
        ingestion.complete(call.id(), "hangup", 3, clock.instant());

        assertThat(ingestion.callsReadyToScore()).isEmpty();
        clock.advance(CallTimeouts.defaults().missingEventsGrace().plus(Duration.ofSeconds(1)));
        assertThat(ingestion.callsReadyToScore()).extracting(Call::id).containsExactly(call.id());
    }

    @Test
    void scoringMovesTheCallToScoredOnceAndOnlyInItsOrganisation() {
        Call call = fixture.newCall();
        ingestion.ingest(batch(List.of(call.id()), live(call.id(), 1)));
        ScoreRepository scores = new ScoreRepository(jdbc, clock);
        assertThat(scores.record(fixture.org.id(), call.id(), 50, CallFixture.json("{}")))
                .as("a live call cannot be scored").isEmpty();
        ingestion.complete(call.id(), "hangup", 1, clock.instant());

        assertThat(scores.record(fixture.otherOrg.id(), call.id(), 90, CallFixture.json("{}"))).isEmpty();
        Score score = scores.record(fixture.org.id(), call.id(), 72.5,
                CallFixture.json("{\"talk_ratio\":{\"score\":80}}")).orElseThrow();
        Score again = scores.record(fixture.org.id(), call.id(), 10, CallFixture.json("{}")).orElseThrow();

        assertThat(again).isEqualTo(score);
        assertThat(score.breakdown().path("talk_ratio").path("score").asInt()).isEqualTo(80);
        assertThat(fixture.calls.find(fixture.org.id(), call.id()).orElseThrow().state()).isEqualTo(CallState.SCORED);
        assertThat(ingestion.callsReadyToScore()).isEmpty();
        assertThat(scores.find(fixture.otherOrg.id(), call.id())).isEmpty();
    }

    @Test
    void twilioStatusCallbacksAreKeptPerOrganisation() {
        Call call = fixture.newCall();
        TwilioStatusRepository statuses = new TwilioStatusRepository(jdbc, clock);
        statuses.record(fixture.org.id(), Optional.of(call.id()), "CA1", "ringing", CallFixture.json("{\"CallStatus\":\"ringing\"}"));
        statuses.record(fixture.org.id(), Optional.of(call.id()), "CA1", "completed", CallFixture.json("{\"CallDuration\":\"61\"}"));

        assertThat(statuses.listForCall(fixture.org.id(), call.id())).extracting(TwilioStatusCallback::callStatus)
                .containsExactly("ringing", "completed");
        assertThat(statuses.listForCallSid(fixture.org.id(), "CA1")).hasSize(2);
        assertThat(statuses.listForCall(fixture.otherOrg.id(), call.id())).isEmpty();
    }
}
