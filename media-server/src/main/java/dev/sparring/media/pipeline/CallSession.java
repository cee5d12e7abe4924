package dev.sparring.media.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.media.pipeline.session.InvalidSessionException;
import dev.sparring.media.pipeline.session.Persona;
import dev.sparring.media.pipeline.session.Scenario;
import java.util.Optional;

/**
 * What the media server needs to run a call, from {@code GET /internal/calls/{id}/session}.
 *
 * @param script the call script name ({@code call.script}) the replay recogniser follows, if any
 * @param prompt the persona prompt rendered by the control plane
 */
public record CallSession(
        String callId,
        String orgId,
        String channel,
        Optional<String> script,
        Persona persona,
        Scenario scenario,
        String prompt) {

    /** Parses the session JSON; throws {@link InvalidSessionException} naming the bad field. */
    public static CallSession parse(JsonNode root) {
        JsonNode call = root.path("call");
        if (!call.isObject()) {
            throw new InvalidSessionException("missing object field call");
        }
        String callId = requireText(call, "id", "call.id");
        String orgId = requireText(call, "org_id", "call.org_id");
        String channel = call.path("channel").asText("twilio");
        JsonNode scriptNode = call.path("script");
        Optional<String> script = scriptNode.isTextual() && !scriptNode.asText().isBlank()
                ? Optional.of(scriptNode.asText()) : Optional.empty();
        Persona persona = Persona.fromJson(root.path("persona"));
        Scenario scenario = Scenario.fromJson(root.path("scenario"));
        String prompt = root.path("prompt").asText("");
        return new CallSession(callId, orgId, channel, script, persona, scenario, prompt);
    }

    private static String requireText(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidSessionException("missing or empty field " + path);
        }
        return value.asText();
    }
}
