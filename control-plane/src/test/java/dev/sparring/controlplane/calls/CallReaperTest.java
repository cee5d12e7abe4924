package dev.sparring.controlplane.calls;

import static dev.sparring.controlplane.calls.CallFixture.batch;
import static dev.sparring.controlplane.calls.CallFixture.live;
import static dev.sparring.controlplane.calls.CallFixture.utterance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.db.PostgresExtension;
import dev.sparring.controlplane.db.TestDatabase;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CallReaperTest {

    private final Jdbc jdbc = TestDatabase.shared().jdbc();
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final CallTimeouts timeouts = CallTimeouts.defaults();
    private final IngestionService ingestion = new IngestionService(jdbc, clock, timeouts);
    private final CallReaper reaper = new CallReaper(jdbc, timeouts);
    private CallFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CallFixture(jdbc, clock);
    }

    @Test
    void callsThatNeverConnectAreAbandonedAfterTheConnectTimeout() {
        Call stale = fixture.newCall();
        fixture.calls.transition(fixture.org.id(), stale.id(), EnumSet.of(CallState.CREATED), CallState.CONNECTING);
        clock.advance(Duration.ofSeconds(90));
        Call fresh = fixture.newCall();
        clock.advance(Duration.ofSeconds(31));

        assertThat(reaper.reap(clock.instant())).isEqualTo(new ReapResult(List.of(stale.id()), List.of()));

        Call abandoned = fixture.calls.find(fixture.org.id(), stale.id()).orElseThrow();
        assertThat(abandoned.state()).isEqualTo(CallState.ABANDONED);
        assertThat(abandoned.endReason()).contains("connect-timeout");
        assertThat(abandoned.endedAt()).contains(clock.instant());
        assertThat(fixture.calls.find(fixture.org.id(), fresh.id()).orElseThrow().state()).isEqualTo(CallState.CREATED);
        assertThat(reaper.reap(clock.instant()).isEmpty()).as("reaping is idempotent").isTrue();
    }

    @Test
    void liveCallsWithoutHeartbeatFailAndAreScoredWithWhatExists() {
        Call lost = fixture.newCall();
        Call healthy = fixture.newCall();
        ingestion.ingest(batch(List.of(lost.id(), healthy.id()), live(lost.id(), 1), live(healthy.id(), 1),
                utterance(lost.id(), 2, "prospect", "Hello?"), utterance(lost.id(), 5, "rep", "Hi")));
        clock.advance(Duration.ofSeconds(20));
        // Only the healthy call keeps being listed in the media server's heartbeats.
        ingestion.ingest(batch(List.of(healthy.id())));
        clock.advance(Duration.ofSeconds(15));

        assertThat(reaper.reap(clock.instant())).isEqualTo(new ReapResult(List.of(), List.of(lost.id())));

        Call failed = fixture.calls.find(fixture.org.id(), lost.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(CallState.FAILED);
        assertThat(failed.endReason()).contains("media-server-lost");
        assertThat(failed.lastSeq()).contains(5L);
        assertThat(failed.endedAt()).isEqualTo(failed.lastHeartbeatAt());
        assertThat(fixture.calls.find(fixture.org.id(), healthy.id()).orElseThrow().state()).isEqualTo(CallState.LIVE);
        assertThat(ingestion.callsReadyToScore()).extracting(Call::id).containsExactly(lost.id());
    }

    @Test
    void aFailedCallThatCompletesAfterAllIsEndedNormally() {
        Call call = fixture.newCall();
        ingestion.ingest(batch(List.of(call.id()), live(call.id(), 1)));
        clock.advance(Duration.ofMinutes(1));
        reaper.reap(clock.instant());

        Call ended = ingestion.complete(call.id(), "hangup", 2, clock.instant()).orElseThrow();

        assertThat(ended.state()).isEqualTo(CallState.ENDED);
        assertThat(ended.endReason()).contains("hangup");
        assertThat(ended.lastSeq()).contains(2L);
    }
}
