package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on calls that will never finish by themselves (see {@link CallTimeouts}): never connected →
 * abandoned ("connect-timeout"); live without a media-server heartbeat → failed ("media-server-lost"), with
 * last_seq set to the last stored event so it is scored with what exists. The caller schedules
 * {@link #reap(Instant)} (every few seconds). Rows an ingestion batch has locked are skipped, not waited for:
 * a call being ingested is alive. Stateless; thread-safe.
 */
public final class CallReaper {

    private static final Logger log = LoggerFactory.getLogger(CallReaper.class);

    private final Jdbc jdbc;
    private final CallTimeouts timeouts;

    public CallReaper(Jdbc jdbc, CallTimeouts timeouts) {
        this.jdbc = jdbc;
        this.timeouts = timeouts;
    }

    public ReapResult reap(Instant now) {
        List<UUID> abandoned = jdbc.query("""
                UPDATE calls SET state = 'abandoned', ended_at = ?, end_reason = 'connect-timeout'
                 WHERE id IN (SELECT id FROM calls
                               WHERE state IN ('created', 'connecting') AND created_at < ?
                               ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
                RETURNING id
                """, row -> Columns.uuid(row, "id"), now, now.minus(timeouts.connectTimeout()));
        List<UUID> failed = jdbc.query("""
                UPDATE calls c
                   SET state = 'failed', end_reason = 'media-server-lost',
                       ended_at = coalesce(c.last_heartbeat_at, c.started_at, ?),
                       last_seq = coalesce((SELECT max(e.seq) FROM call_events e WHERE e.call_id = c.id), 0)
                 WHERE c.id IN (SELECT id FROM calls
                                 WHERE state = 'live'
                                   AND coalesce(last_heartbeat_at, started_at, created_at) < ?
                                 ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
                RETURNING c.id
                """, row -> Columns.uuid(row, "id"), now, now.minus(timeouts.heartbeatTimeout()));
        ReapResult result = new ReapResult(abandoned, failed);
        if (!result.isEmpty()) {
            log.info("Reaper: {} calls abandoned (never connected), {} failed (media server lost)",
                    abandoned.size(), failed.size());
        }
        return result;
    }
}
