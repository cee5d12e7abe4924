package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.util.List;
import java.util.UUID;

/** A call's transcript, read side (rows are written only by {@link IngestionService}). Stateless; thread-safe. */
public final class UtteranceRepository {

    private static final RowMapper<Utterance> ROW = row -> new Utterance(Columns.uuid(row, "call_id"),
            row.getLong("seq"), Utterance.Speaker.fromDb(row.getString("speaker")), row.getInt("turn"),
            row.getString("text"), row.getLong("start_ms"), row.getLong("end_ms"), row.getBoolean("recognised"),
            row.getBoolean("interrupted"), Columns.optionalString(row, "generated_text"));

    private final Jdbc jdbc;

    public UtteranceRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The transcript in speaking order. */
    public List<Utterance> list(UUID orgId, UUID callId) {
        return jdbc.query("""
                SELECT * FROM utterances WHERE org_id = ? AND call_id = ? ORDER BY start_ms, seq
                """, ROW, orgId, callId);
    }
}
