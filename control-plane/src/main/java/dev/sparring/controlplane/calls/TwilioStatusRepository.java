package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Twilio status callbacks, kept for auditing a phone call's carrier-side life. Stateless; thread-safe. */
public final class TwilioStatusRepository {

    private static final RowMapper<TwilioStatusCallback> ROW = row -> new TwilioStatusCallback(row.getLong("id"),
            Columns.uuid(row, "org_id"), Columns.optionalUuid(row, "call_id"), row.getString("call_sid"),
            row.getString("call_status"), Columns.json(row, "params"), Columns.instant(row, "received_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    public TwilioStatusRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public TwilioStatusCallback record(UUID orgId, Optional<UUID> callId, String callSid, String callStatus,
                                       JsonNode params) {
        return jdbc.queryOne("""
                INSERT INTO twilio_status_callbacks (org_id, call_id, call_sid, call_status, params, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                RETURNING *
                """, ROW, orgId, callId, callSid, callStatus, params, clock.instant()).orElseThrow();
    }

    public List<TwilioStatusCallback> listForCall(UUID orgId, UUID callId) {
        return jdbc.query("""
                SELECT * FROM twilio_status_callbacks WHERE org_id = ? AND call_id = ? ORDER BY received_at, id
                """, ROW, orgId, callId);
    }

    public List<TwilioStatusCallback> listForCallSid(UUID orgId, String callSid) {
        return jdbc.query("""
                SELECT * FROM twilio_status_callbacks WHERE org_id = ? AND call_sid = ? ORDER BY received_at, id
                """, ROW, orgId, callSid);
    }
}
