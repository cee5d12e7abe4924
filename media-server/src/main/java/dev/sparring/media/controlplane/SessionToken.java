package dev.sparring.media.controlplane;

import java.time.Instant;
import java.util.Optional;

/** A verified session token's payload (docs/contract.md, "Session tokens"). */
public record SessionToken(
        String callId, String orgId, String scenarioId, String channel,
        Optional<String> script, Instant expiresAt, String jti) {}
