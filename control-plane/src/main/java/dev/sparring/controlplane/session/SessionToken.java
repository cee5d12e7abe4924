package dev.sparring.controlplane.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The claims of a media session token (docs/contract.md). */
public record SessionToken(UUID callId, UUID orgId, String scenarioId, String channel,
                           Optional<String> script, Instant expiresAt, UUID jti) {
}
