package dev.sparring.media.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/** Fetches a call's session document without blocking (the control plane's GET /internal/calls/{id}/session). */
@FunctionalInterface
public interface SessionSource {
    CompletableFuture<JsonNode> fetch(String callId);
}
