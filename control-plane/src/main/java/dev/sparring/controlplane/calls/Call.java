package dev.sparring.controlplane.calls;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A practice call as stored.
 *
 * @param userId          the rep; empty for a guest caller
 * @param script          call-script name for replay/emulated calls
 * @param mediaServerId   the media server running the call, from its heartbeats
 * @param lastHeartbeatAt last time a media server listed this call in {@code live_calls}
 * @param lastSeq         the last event sequence number, known once the media server completes the call
 */
public record Call(UUID id, UUID orgId, String scenarioId, Optional<UUID> userId, Channel channel, CallState state,
                   Optional<String> fromNumber, Optional<String> toNumber, Optional<String> twilioCallSid,
                   Optional<String> script, Optional<String> mediaServerId, Optional<String> mediaServerUrl,
                   Optional<Instant> lastHeartbeatAt, Instant createdAt, Optional<Instant> startedAt,
                   Optional<Instant> endedAt, Optional<Instant> scoredAt, Optional<String> endReason,
                   Optional<Long> lastSeq) {
}
