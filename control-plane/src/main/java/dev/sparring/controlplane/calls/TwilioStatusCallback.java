package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One Twilio status callback as received: {@code params} holds every form field Twilio sent. */
public record TwilioStatusCallback(long id, UUID orgId, Optional<UUID> callId, String callSid, String callStatus,
                                   JsonNode params, Instant receivedAt) {
}
