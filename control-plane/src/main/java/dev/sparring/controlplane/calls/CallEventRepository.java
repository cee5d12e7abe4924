package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.util.List;
import java.util.UUID;

/** A call's event log, read side (rows are written only by {@link IngestionService}). Stateless; thread-safe. */
public final class CallEventRepository {

    private static final RowMapper<CallEvent> ROW = row -> new CallEvent(Columns.uuid(row, "call_id"),
            row.getLong("seq"), row.getString("type"), Columns.instant(row, "at"), Columns.json(row, "data"),
            Columns.instant(row, "received_at"));

    private final Jdbc jdbc;

    public CallEventRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole log in sequence order. */
    public List<CallEvent> list(UUID orgId, UUID callId) {
        return jdbc.query("SELECT * FROM call_events WHERE org_id = ? AND call_id = ? ORDER BY seq", ROW, orgId,
                callId);
    }

    /** Events after {@code afterSeq}, at most {@code limit}: what a live view polls for. */
    public List<CallEvent> listAfter(UUID orgId, UUID callId, long afterSeq, int limit) {
        return jdbc.query("""
                SELECT * FROM call_events WHERE org_id = ? AND call_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, ROW, orgId, callId, afterSeq, limit);
    }

    /** Sequence numbers in 1..lastSeq not stored yet: empty when the log is complete. */
    public List<Long> missing(UUID orgId, UUID callId, long lastSeq) {
        return jdbc.query("""
                SELECT expected FROM generate_series(1, ?) AS expected
                 WHERE NOT EXISTS (SELECT 1 FROM call_events e
                                    WHERE e.org_id = ? AND e.call_id = ? AND e.seq = expected)
                 ORDER BY expected
                """, row -> row.getLong(1), lastSeq, orgId, callId);
    }
}
