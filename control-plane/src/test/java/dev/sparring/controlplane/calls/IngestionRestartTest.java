package dev.sparring.controlplane.calls;

import static dev.sparring.controlplane.calls.CallFixture.batch;
import static dev.sparring.controlplane.calls.CallFixture.live;
import static dev.sparring.controlplane.calls.CallFixture.utterance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.db.Database;
import dev.sparring.controlplane.db.DatabaseConfig;
import dev.sparring.controlplane.db.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A control-plane restart: the embedded database is closed and re-opened on the same data directory. */
class IngestionRestartTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    @Test
    void ingestionResumesAfterARestartWithoutLossOrDuplicates(@TempDir Path dataDir) {
        UUID orgId;
        UUID callId;
        try (Database before = Database.open(DatabaseConfig.embedded(dataDir))) {
            CallFixture fixture = new CallFixture(before.jdbc(), clock);
            orgId = fixture.org.id();
            callId = fixture.newCall().id();
            IngestionService ingestion = new IngestionService(before.jdbc(), clock, CallTimeouts.defaults());
            assertThat(ingestion.ingest(batch(List.of(callId), events(callId, 1, 5))).stored()).isEqualTo(5);
        }

        try (Database after = Database.open(DatabaseConfig.embedded(dataDir))) {
            IngestionService ingestion = new IngestionService(after.jdbc(), clock, CallTimeouts.defaults());
            // The media server re-sends what it could not confirm before the restart (4 and 5) with new events.
            IngestionResult resumed = ingestion.ingest(batch(List.of(callId), events(callId, 4, 10)));
            ingestion.complete(callId, "hangup", 10, clock.instant());

            assertThat(resumed).isEqualTo(new IngestionResult(5, 2, List.of()));
            assertThat(new CallEventRepository(after.jdbc()).list(orgId, callId)).extracting(CallEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
            assertThat(new UtteranceRepository(after.jdbc()).list(orgId, callId)).hasSize(9);
            assertThat(new CallRepository(after.jdbc(), clock).find(orgId, callId).orElseThrow().state())
                    .isEqualTo(CallState.ENDED);
            assertThat(ingestion.callsReadyToScore()).extracting(Call::id).containsExactly(callId);
        }
    }

    private static IncomingEvent[] events(UUID callId, long fromSeq, long toSeq) {
        List<IncomingEvent> events = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            events.add(seq == 1 ? live(callId, 1) : utterance(callId, seq, seq % 2 == 0 ? "prospect" : "rep",
                    "line " + seq));
        }
        return events.toArray(IncomingEvent[]::new);
    }
}
