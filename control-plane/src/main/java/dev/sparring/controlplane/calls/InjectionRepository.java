package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Injections per call, scoped by organisation. Stateless; thread-safe. */
public final class InjectionRepository {

    private static final RowMapper<Injection> ROW = row -> new Injection(Columns.uuid(row, "id"),
            Columns.uuid(row, "org_id"), Columns.uuid(row, "call_id"), Injection.Kind.fromDb(row.getString("kind")),
            row.getString("text"), Injection.Timing.fromDb(row.getString("timing")),
            Injection.Status.fromDb(row.getString("status")), Columns.optionalUuid(row, "requested_by"),
            Columns.instant(row, "requested_at"), Columns.optionalInstant(row, "forwarded_at"),
            Columns.optionalInstant(row, "applied_at"), Columns.optionalString(row, "error"));

    private final Jdbc jdbc;
    private final Clock clock;

    public InjectionRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a request; empty when the call does not exist in this organisation. */
    public Optional<Injection> create(UUID orgId, UUID callId, Injection.Kind kind, String text,
                                      Injection.Timing timing, Optional<UUID> requestedBy) {
        return jdbc.queryOne("""
                INSERT INTO injections (id, org_id, call_id, kind, text, timing, status, requested_by, requested_at)
                SELECT ?, c.org_id, c.id, ?, ?, ?, 'requested', ?, ? FROM calls c WHERE c.org_id = ? AND c.id = ?
                RETURNING *
                """, ROW, UUID.randomUUID(), kind, text, timing, requestedBy, clock.instant(), orgId, callId);
    }

    public Optional<Injection> find(UUID orgId, UUID injectionId) {
        return jdbc.queryOne("SELECT * FROM injections WHERE org_id = ? AND id = ?", ROW, orgId, injectionId);
    }

    public List<Injection> list(UUID orgId, UUID callId) {
        return jdbc.query("SELECT * FROM injections WHERE org_id = ? AND call_id = ? ORDER BY requested_at, id",
                ROW, orgId, callId);
    }

    /** The media server accepted it (202). Only a requested injection moves; returns whether it did. */
    public boolean markForwarded(UUID orgId, UUID injectionId) {
        return jdbc.update("""
                UPDATE injections SET status = 'forwarded', forwarded_at = ?
                 WHERE org_id = ? AND id = ? AND status = 'requested'
                """, clock.instant(), orgId, injectionId) == 1;
    }

    /** Delivery failed (media server refused or unreachable). An applied injection stays applied. */
    public boolean markFailed(UUID orgId, UUID injectionId, String error) {
        return jdbc.update("""
                UPDATE injections SET status = 'failed', error = ?
                 WHERE org_id = ? AND id = ? AND status IN ('requested', 'forwarded')
                """, error, orgId, injectionId) == 1;
    }

    /**
     * The prospect acted on it ({@code injection.applied} event). Applied wins over any other status: the
     * event is proof even if the forwarding request timed out.
     */
    boolean markApplied(UUID orgId, UUID callId, UUID injectionId, Instant at) {
        return jdbc.update("""
                UPDATE injections SET status = 'applied', applied_at = ?, error = NULL
                 WHERE org_id = ? AND call_id = ? AND id = ? AND status <> 'applied'
                """, at, orgId, callId, injectionId) == 1;
    }
}
