package dev.sparring.controlplane.tenancy;

import java.util.UUID;

/** Who an authenticated API request acts as: every query it makes is scoped to {@code orgId}. */
public record Principal(UUID orgId, UUID userId, Role role) {
}
