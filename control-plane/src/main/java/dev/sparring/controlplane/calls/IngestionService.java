package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.SqlArray;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores media-server event batches exactly once and materialises them (transcript rows, call state,
 * heartbeats, applied injections); completes calls; finds calls ready to score.
 *
 * <p>Each batch is one transaction. It first locks every call it mentions, in the database's id order, so
 * concurrent batches about the same calls (a retry racing its original) run one after the other and can
 * never deadlock; {@code INSERT … ON CONFLICT DO NOTHING} on (call_id, seq) then makes a replayed event a
 * counted duplicate. Stateless; thread-safe.
 */
public final class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

    /** The reasons a media server may give when completing a call (docs/contract.md). */
    public static final Set<String> COMPLETION_REASONS =
            Set.of("hangup", "max-duration", "silence-timeout", "error", "drain", "rejected");
    /** Upper bound on calls returned per {@link #callsReadyToScore()} pass, so one pass stays short. */
    public static final int READY_TO_SCORE_LIMIT = 500;

    private final Jdbc jdbc;
    private final Clock clock;
    private final CallTimeouts timeouts;
    private final CallRepository calls;
    private final InjectionRepository injections;

    public IngestionService(Jdbc jdbc, Clock clock, CallTimeouts timeouts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.timeouts = timeouts;
        this.calls = new CallRepository(jdbc, clock);
        this.injections = new InjectionRepository(jdbc, clock);
    }

    private record LockedCall(UUID orgId, CallState state) {
    }

    private record Accepted(IncomingEvent event, UUID orgId, Optional<Utterance> utterance) {
    }

    private record EventKey(UUID callId, long seq) {
    }

    /** Stores a batch idempotently; unknown calls and malformed utterances are rejected, not stored. */
    public IngestionResult ingest(EventBatch batch) {
        Instant receivedAt = clock.instant();
        return jdbc.inTransaction(connection -> {
            Set<UUID> mentioned = new LinkedHashSet<>(batch.liveCalls());
            batch.events().forEach(event -> mentioned.add(event.callId()));
            Map<UUID, LockedCall> known = lock(mentioned);
            heartbeat(batch, receivedAt);

            List<RejectedEvent> rejected = new ArrayList<>();
            List<Accepted> accepted = new ArrayList<>();
            batch.events().stream()
                    .sorted(Comparator.comparing(IncomingEvent::callId).thenComparingLong(IncomingEvent::seq))
                    .forEach(event -> {
                        LockedCall call = known.get(event.callId());
                        if (call == null) {
                            rejected.add(new RejectedEvent(event.callId(), event.seq(), "unknown call"));
                            return;
                        }
                        try {
                            accepted.add(new Accepted(event, call.orgId(), utteranceOf(event)));
                        } catch (CallException e) {
                            rejected.add(new RejectedEvent(event.callId(), event.seq(), e.getMessage()));
                        }
                    });

            // A key repeated inside one batch is a duplicate like any other; the first occurrence wins.
            Map<EventKey, Accepted> unique = new LinkedHashMap<>();
            accepted.forEach(entry -> unique.putIfAbsent(
                    new EventKey(entry.event().callId(), entry.event().seq()), entry));
            Set<EventKey> inserted = insertEvents(List.copyOf(unique.values()), receivedAt);
            List<Accepted> stored = unique.entrySet().stream()
                    .filter(keyed -> inserted.contains(keyed.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
            insertUtterances(stored);
            stored.forEach(entry -> materialise(entry, known, receivedAt));
            if (!rejected.isEmpty()) {
                log.warn("Rejected {} of {} events from media server {}", rejected.size(), batch.events().size(),
                        batch.serverId());
            }
            return new IngestionResult(stored.size(), accepted.size() - stored.size(), rejected);
        });
    }

    /**
     * The media server finished the call: state ended, with its reason, last sequence number and end time.
     * Idempotent; a call already ended, scored or abandoned is returned unchanged.
     *
     * @return the call as it now is; empty when no call has this id
     */
    public Optional<Call> complete(UUID callId, String reason, long lastSeq, Instant endedAt) {
        if (!COMPLETION_REASONS.contains(reason)) {
            throw new CallException("unknown completion reason '" + reason + "'; expected one of "
                    + COMPLETION_REASONS.stream().sorted().toList());
        }
        if (lastSeq < 0) {
            throw new CallException("last_seq must not be negative but was " + lastSeq);
        }
        Optional<Call> ended = jdbc.queryOne("""
                UPDATE calls SET state = 'ended', end_reason = ?, last_seq = ?, ended_at = ?
                 WHERE id = ? AND state IN ('created', 'connecting', 'live', 'failed')
                RETURNING *
                """, CallRepository.ROW, reason, lastSeq, endedAt, callId);
        if (ended.isPresent()) {
            return ended;
        }
        Optional<Call> current = calls.findByIdAnyOrg(callId);
        current.filter(call -> call.state() != CallState.ENDED).ifPresent(call ->
                log.info("Completion of call {} ignored: it is already {}", callId, call.state().dbValue()));
        return current;
    }

    /**
     * Calls to score now: ended calls whose events 1..last_seq are all stored, ended calls still missing events
     * {@link CallTimeouts#missingEventsGrace()} after they ended (scored with what exists), and failed calls.
     * Oldest first, at most {@link #READY_TO_SCORE_LIMIT}.
     */
    public List<Call> callsReadyToScore() {
        Instant giveUpBefore = clock.instant().minus(timeouts.missingEventsGrace());
        return jdbc.query("""
                SELECT c.* FROM calls c
                 WHERE c.state IN ('ended', 'failed')
                   AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.call_id = c.id)
                   AND (c.state = 'failed'
                        OR c.ended_at < ?
                        OR coalesce(c.last_seq, 0) = (SELECT count(*) FROM call_events e
                                                       WHERE e.call_id = c.id AND e.seq <= c.last_seq))
                 ORDER BY c.ended_at, c.id
                 LIMIT ?
                """, CallRepository.ROW, giveUpBefore, READY_TO_SCORE_LIMIT);
    }

    private Map<UUID, LockedCall> lock(Set<UUID> callIds) {
        Map<UUID, LockedCall> known = new HashMap<>();
        if (callIds.isEmpty()) {
            return known;
        }
        jdbc.query("""
                SELECT id, org_id, state FROM calls WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE
                """, row -> known.put(Columns.uuid(row, "id"),
                        new LockedCall(Columns.uuid(row, "org_id"), CallState.fromDb(row.getString("state")))),
                SqlArray.ofUuid(callIds));
        return known;
    }

    private void heartbeat(EventBatch batch, Instant now) {
        if (batch.liveCalls().isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE calls SET last_heartbeat_at = ?, media_server_id = ?, media_server_url = ?
                 WHERE id = ANY(?) AND state IN ('created', 'connecting', 'live')
                """, now, batch.serverId(), batch.serverUrl(), SqlArray.ofUuid(batch.liveCalls()));
    }

    /**
     * One statement for the whole batch (arrays unnested server-side) instead of a round trip per event; the
     * RETURNING clause names the events that were new, everything else was already stored.
     */
    private Set<EventKey> insertEvents(List<Accepted> accepted, Instant receivedAt) {
        Set<EventKey> inserted = new HashSet<>();
        if (accepted.isEmpty()) {
            return inserted;
        }
        List<Object> orgIds = new ArrayList<>();
        List<Object> callIds = new ArrayList<>();
        List<Object> seqs = new ArrayList<>();
        List<Object> types = new ArrayList<>();
        List<Object> ats = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        for (Accepted entry : accepted) {
            IncomingEvent event = entry.event();
            orgIds.add(entry.orgId());
            callIds.add(event.callId());
            seqs.add(event.seq());
            types.add(event.type());
            ats.add(Jdbc.truncate(event.at()).toString());
            data.add(Columns.write(event.data()));
        }
        jdbc.query("""
                INSERT INTO call_events (org_id, call_id, seq, type, at, data, received_at)
                SELECT o, c, s, t, CAST(a AS timestamptz), CAST(d AS jsonb), ?
                  FROM unnest(?, ?, ?, ?, ?, ?) AS batch(o, c, s, t, a, d)
                ON CONFLICT (call_id, seq) DO NOTHING
                RETURNING call_id, seq
                """, row -> inserted.add(new EventKey(Columns.uuid(row, "call_id"), row.getLong("seq"))),
                receivedAt, new SqlArray("uuid", orgIds), new SqlArray("uuid", callIds),
                new SqlArray("int8", seqs), new SqlArray("text", types), new SqlArray("text", ats),
                new SqlArray("text", data));
        return inserted;
    }

    private void insertUtterances(List<Accepted> stored) {
        List<Object> orgIds = new ArrayList<>();
        List<Object> callIds = new ArrayList<>();
        List<Object> seqs = new ArrayList<>();
        List<Object> speakers = new ArrayList<>();
        List<Object> turns = new ArrayList<>();
        List<Object> texts = new ArrayList<>();
        List<Object> starts = new ArrayList<>();
        List<Object> ends = new ArrayList<>();
        List<Object> recognised = new ArrayList<>();
        List<Object> interrupted = new ArrayList<>();
        List<Object> generated = new ArrayList<>();
        for (Accepted entry : stored) {
            entry.utterance().ifPresent(utterance -> {
                orgIds.add(entry.orgId());
                callIds.add(utterance.callId());
                seqs.add(utterance.seq());
                speakers.add(utterance.speaker().dbValue());
                turns.add(utterance.turn());
                texts.add(utterance.text());
                starts.add(utterance.startMs());
                ends.add(utterance.endMs());
                recognised.add(utterance.recognised());
                interrupted.add(utterance.interrupted());
                generated.add(utterance.generatedText().orElse(null));
            });
        }
        if (orgIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO utterances (org_id, call_id, seq, speaker, turn, text, start_ms, end_ms, recognised,
                                        interrupted, generated_text)
                SELECT * FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (call_id, seq) DO NOTHING
                """, new SqlArray("uuid", orgIds), new SqlArray("uuid", callIds), new SqlArray("int8", seqs),
                new SqlArray("text", speakers), new SqlArray("int4", turns), new SqlArray("text", texts),
                new SqlArray("int8", starts), new SqlArray("int8", ends), new SqlArray("bool", recognised),
                new SqlArray("bool", interrupted), new SqlArray("text", generated));
    }

    private void materialise(Accepted entry, Map<UUID, LockedCall> known, Instant receivedAt) {
        IncomingEvent event = entry.event();
        switch (event.type()) {
            case "call.live" -> goLive(event, known, receivedAt);
            case "injection.applied" -> parseUuid(event.data().path("injection_id").asText())
                    .ifPresentOrElse(
                            injectionId -> injections.markApplied(entry.orgId(), event.callId(), injectionId,
                                    event.at()),
                            () -> log.warn("injection.applied event {}#{} has no valid injection_id",
                                    event.callId(), event.seq()));
            default -> {
                // Every other type (known or not yet known) is kept in the event log only.
            }
        }
    }

    private void goLive(IncomingEvent event, Map<UUID, LockedCall> known, Instant receivedAt) {
        LockedCall call = known.get(event.callId());
        if (call.state() == CallState.CREATED || call.state() == CallState.CONNECTING) {
            jdbc.update("""
                    UPDATE calls SET state = 'live', started_at = coalesce(started_at, ?),
                                     last_heartbeat_at = greatest(last_heartbeat_at, ?)
                     WHERE id = ?
                    """, event.at(), receivedAt, event.callId());
            known.put(event.callId(), new LockedCall(call.orgId(), CallState.LIVE));
        } else {
            // A late call.live (after completion, say) still tells when the call started.
            jdbc.update("UPDATE calls SET started_at = coalesce(started_at, ?) WHERE id = ?", event.at(),
                    event.callId());
        }
    }

    private static Optional<Utterance> utteranceOf(IncomingEvent event) {
        if (!event.type().equals("utterance")) {
            return Optional.empty();
        }
        JsonNode data = event.data();
        String speaker = data.path("speaker").asText();
        if (!speaker.equals("rep") && !speaker.equals("prospect")) {
            throw new CallException("malformed utterance: data.speaker must be rep or prospect");
        }
        if (!data.path("text").isTextual()) {
            throw new CallException("malformed utterance: data.text must be text");
        }
        if (!data.path("start_ms").canConvertToLong() || !data.path("end_ms").canConvertToLong()
                || !data.path("start_ms").isNumber() || !data.path("end_ms").isNumber()) {
            throw new CallException("malformed utterance: data.start_ms and data.end_ms must be numbers");
        }
        JsonNode generated = data.path("generated_text");
        return Optional.of(new Utterance(event.callId(), event.seq(), Utterance.Speaker.fromDb(speaker),
                data.path("turn").asInt(0), data.path("text").asText(), data.path("start_ms").asLong(),
                data.path("end_ms").asLong(), data.path("recognised").asBoolean(true),
                data.path("interrupted").asBoolean(false),
                generated.isTextual() ? Optional.of(generated.asText()) : Optional.empty()));
    }

    private static Optional<UUID> parseUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
