package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A call's rubric score: {@code total} 0..100 and the per-KPI {@code breakdown} the scoring step produced. */
public record Score(UUID callId, UUID orgId, double total, JsonNode breakdown, Instant computedAt) {
}
