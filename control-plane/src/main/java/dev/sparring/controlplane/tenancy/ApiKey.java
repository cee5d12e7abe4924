package dev.sparring.controlplane.tenancy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored API key: its hash stays in the database, only the recognisable {@code prefix} is ever shown.
 */
public record ApiKey(UUID id, UUID orgId, UUID userId, String name, String prefix, Instant createdAt,
                     Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
}
