package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;

/** Scores, one per call. Stateless; thread-safe. */
public final class ScoreRepository {

    private static final RowMapper<Score> ROW = row -> new Score(Columns.uuid(row, "call_id"),
            Columns.uuid(row, "org_id"), row.getDouble("total"), Columns.json(row, "breakdown"),
            Columns.instant(row, "computed_at"));

    private final Jdbc jdbc;
    private final Clock clock;
    private final CallRepository calls;

    public ScoreRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.calls = new CallRepository(jdbc, clock);
    }

    /**
     * Stores the score and moves the call to {@code scored} in one transaction. A call that is already scored
     * keeps its first score (scoring is deterministic, so a second run would only repeat it).
     *
     * @return the stored score; empty when the call is not in this organisation or not ended/failed/scored
     */
    public Optional<Score> record(UUID orgId, UUID callId, double total, JsonNode breakdown) {
        return jdbc.inTransaction(connection -> {
            Optional<Call> call = calls.find(orgId, callId);
            if (call.isEmpty()) {
                return Optional.empty();
            }
            if (call.get().state() != CallState.SCORED) {
                if (calls.transition(orgId, callId, EnumSet.of(CallState.ENDED, CallState.FAILED), CallState.SCORED)
                        .isEmpty()) {
                    return Optional.empty();
                }
                jdbc.update("""
                        INSERT INTO scores (call_id, org_id, total, breakdown, computed_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (call_id) DO NOTHING
                        """, callId, orgId, total, breakdown, clock.instant());
            }
            return find(orgId, callId);
        });
    }

    public Optional<Score> find(UUID orgId, UUID callId) {
        return jdbc.queryOne("SELECT * FROM scores WHERE org_id = ? AND call_id = ?", ROW, orgId, callId);
    }
}
