package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import dev.sparring.controlplane.db.SqlArray;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Calls per organisation. Every method takes the organisation id and filters on it, except those ending in
 * {@code AnyOrg}, which resolve a call for service-authenticated callers (media server, Twilio webhooks).
 * Stateless; thread-safe.
 */
public final class CallRepository {

    static final RowMapper<Call> ROW = row -> new Call(
            Columns.uuid(row, "id"), Columns.uuid(row, "org_id"), row.getString("scenario_id"),
            Columns.optionalUuid(row, "user_id"), Channel.fromDb(row.getString("channel")),
            CallState.fromDb(row.getString("state")), Columns.optionalString(row, "from_number"),
            Columns.optionalString(row, "to_number"), Columns.optionalString(row, "twilio_call_sid"),
            Columns.optionalString(row, "script"), Columns.optionalString(row, "media_server_id"),
            Columns.optionalString(row, "media_server_url"), Columns.optionalInstant(row, "last_heartbeat_at"),
            Columns.instant(row, "created_at"), Columns.optionalInstant(row, "started_at"),
            Columns.optionalInstant(row, "ended_at"), Columns.optionalInstant(row, "scored_at"),
            Columns.optionalString(row, "end_reason"), Columns.optionalLong(row, "last_seq"));

    private final Jdbc jdbc;
    private final Clock clock;

    public CallRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates a call in state {@code created}; the scenario and the user (if any) must belong to the org. */
    public Call create(UUID orgId, NewCall call) {
        return jdbc.queryOne("""
                INSERT INTO calls (id, org_id, scenario_id, user_id, channel, state, from_number, to_number,
                                   twilio_call_sid, script, created_at)
                SELECT ?, s.org_id, s.id, ?, ?, 'created', ?, ?, ?, ?, ?
                  FROM scenarios s
                 WHERE s.org_id = ? AND s.id = ?
                   AND (CAST(? AS uuid) IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.org_id = s.org_id
                                                                                   AND u.id = ?))
                RETURNING *
                """, ROW, UUID.randomUUID(), call.userId(), call.channel(), call.fromNumber(), call.toNumber(),
                call.twilioCallSid(), call.script(), clock.instant(), orgId, call.scenarioId(), call.userId(),
                call.userId())
                .orElseThrow(() -> new CallException("scenario '" + call.scenarioId() + "'"
                        + call.userId().map(user -> " or user " + user).orElse("")
                        + " does not exist in organisation " + orgId));
    }

    public Optional<Call> find(UUID orgId, UUID callId) {
        return jdbc.queryOne("SELECT * FROM calls WHERE org_id = ? AND id = ?", ROW, orgId, callId);
    }

    /** Service-level: the call with this id in whichever organisation owns it (media-server requests only). */
    public Optional<Call> findByIdAnyOrg(UUID callId) {
        return jdbc.queryOne("SELECT * FROM calls WHERE id = ?", ROW, callId);
    }

    /** Service-level: the call Twilio knows by {@code callSid} (signature-verified Twilio requests only). */
    public Optional<Call> findByTwilioCallSidAnyOrg(String callSid) {
        return jdbc.queryOne("SELECT * FROM calls WHERE twilio_call_sid = ?", ROW, callSid);
    }

    /** Calls newest first, keyset-paginated on (created_at, id), so pages stay stable while calls arrive. */
    public CallPage list(UUID orgId, CallQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM calls WHERE org_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId));
        query.state().ifPresent(state -> filter(sql, params, " AND state = ?", state));
        query.scenarioId().ifPresent(scenario -> filter(sql, params, " AND scenario_id = ?", scenario));
        query.userId().ifPresent(user -> filter(sql, params, " AND user_id = ?", user));
        query.channel().ifPresent(channel -> filter(sql, params, " AND channel = ?", channel));
        query.createdAfter().ifPresent(after -> filter(sql, params, " AND created_at >= ?", after));
        query.createdBefore().ifPresent(before -> filter(sql, params, " AND created_at < ?", before));
        query.cursor().map(CallRepository::decodeCursor).ifPresent(cursor -> {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(cursor.createdAt());
            params.add(cursor.id());
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        // One extra row tells whether another page follows without a count query.
        params.add(query.limit() + 1);
        List<Call> rows = jdbc.query(sql.toString(), ROW, params.toArray());
        if (rows.size() <= query.limit()) {
            return new CallPage(rows, Optional.empty());
        }
        List<Call> page = rows.subList(0, query.limit());
        Call last = page.getLast();
        return new CallPage(page, Optional.of(encodeCursor(last.createdAt(), last.id())));
    }

    /**
     * Moves the call to {@code to} if it is currently in one of {@code from}, stamping started_at (live),
     * ended_at (ended, failed, abandoned) or scored_at (scored) when not yet set.
     *
     * @return the updated call, or empty when the call does not exist in this organisation or is not in
     *         {@code from} (another actor moved it first)
     * @throws IllegalCallTransitionException when some state in {@code from} may never move to {@code to}
     */
    public Optional<Call> transition(UUID orgId, UUID callId, Set<CallState> from, CallState to) {
        for (CallState source : from) {
            if (!source.canMoveTo(to)) {
                throw new IllegalCallTransitionException(source, to);
            }
        }
        Instant now = clock.instant();
        return jdbc.queryOne("""
                UPDATE calls
                   SET state = ?,
                       started_at = CASE WHEN ? = 'live' THEN coalesce(started_at, ?) ELSE started_at END,
                       ended_at = CASE WHEN ? IN ('ended', 'failed', 'abandoned') THEN coalesce(ended_at, ?)
                                       ELSE ended_at END,
                       scored_at = CASE WHEN ? = 'scored' THEN ? ELSE scored_at END
                 WHERE org_id = ? AND id = ? AND state = ANY(?)
                RETURNING *
                """, ROW, to, to, now, to, now, to, now, orgId, callId,
                SqlArray.ofText(from.stream().map(CallState::dbValue).toList()));
    }

    /** Records the Twilio call SID once the webhook learns it; false when the call is not in this org. */
    public boolean setTwilioCallSid(UUID orgId, UUID callId, String callSid) {
        return jdbc.update("UPDATE calls SET twilio_call_sid = ? WHERE org_id = ? AND id = ?", callSid, orgId,
                callId) == 1;
    }

    /** Calls created, connecting or live in the organisation: the input of the concurrent-calls guard. */
    public int countActive(UUID orgId) {
        return jdbc.queryOne("""
                SELECT count(*) FROM calls WHERE org_id = ? AND state IN ('created', 'connecting', 'live')
                """, row -> row.getInt(1), orgId).orElse(0);
    }

    private static void filter(StringBuilder sql, List<Object> params, String clause, Object value) {
        sql.append(clause);
        params.add(value);
    }

    private record Cursor(Instant createdAt, UUID id) {
    }

    /** Opaque to clients: base64url of {@code <epoch micros>:<call id>}. */
    static String encodeCursor(Instant createdAt, UUID id) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    private static Cursor decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new CallException("malformed page cursor");
            }
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
                    UUID.fromString(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new CallException("malformed page cursor");
        }
    }
}
