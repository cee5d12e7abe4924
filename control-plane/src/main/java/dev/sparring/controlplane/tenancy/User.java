package dev.sparring.controlplane.tenancy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A member of an organisation.
 *
 * @param phone               E.164 number the member calls from; maps an inbound phone call to this rep
 * @param preferredScenarioId the scenario used when this member phones a number without naming one
 */
public record User(UUID id, UUID orgId, String email, String displayName, Role role, Optional<String> phone,
                   Optional<String> preferredScenarioId, Instant createdAt) {
}
