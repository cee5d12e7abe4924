package dev.sparring.controlplane.calls;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What is known when a call is created (by the API or the Twilio voice webhook). */
public record NewCall(String scenarioId, Optional<UUID> userId, Channel channel, Optional<String> fromNumber,
                      Optional<String> toNumber, Optional<String> twilioCallSid, Optional<String> script) {

    public NewCall {
        Objects.requireNonNull(scenarioId, "scenarioId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(fromNumber, "fromNumber");
        Objects.requireNonNull(toNumber, "toNumber");
        Objects.requireNonNull(twilioCallSid, "twilioCallSid");
        Objects.requireNonNull(script, "script");
    }

    /** A browser call by a known rep, or a guest when {@code userId} is empty. */
    public static NewCall webrtc(String scenarioId, Optional<UUID> userId) {
        return new NewCall(scenarioId, userId, Channel.WEBRTC, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** An inbound phone call as the voice webhook sees it. */
    public static NewCall twilio(String scenarioId, Optional<UUID> userId, String from, String to, String callSid) {
        return new NewCall(scenarioId, userId, Channel.TWILIO, Optional.of(from), Optional.of(to),
                Optional.of(callSid), Optional.empty());
    }

    public NewCall withScript(String name) {
        return new NewCall(scenarioId, userId, channel, fromNumber, toNumber, twilioCallSid, Optional.of(name));
    }
}
