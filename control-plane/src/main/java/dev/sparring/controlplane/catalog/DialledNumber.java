package dev.sparring.controlplane.catalog;

import java.time.Instant;
import java.util.UUID;

/** A practice phone number (E.164): calls to it belong to {@code orgId} and run {@code scenarioId}. */
public record DialledNumber(String number, UUID orgId, String scenarioId, Instant createdAt) {
}
