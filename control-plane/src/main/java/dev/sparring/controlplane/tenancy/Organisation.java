package dev.sparring.controlplane.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A tenant: everything else the control plane stores belongs to exactly one organisation. */
public record Organisation(UUID id, String slug, String name, Instant createdAt) {
}
