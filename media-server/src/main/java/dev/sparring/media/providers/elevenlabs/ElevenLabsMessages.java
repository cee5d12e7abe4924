package dev.sparring.media.providers.elevenlabs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The wire format of the multi-stream-input WebSocket
 * (https://elevenlabs.io/docs/api-reference/text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input,
 * guide: https://elevenlabs.io/docs/eleven-api/guides/how-to/websockets/multi-context-web-socket) and of
 * the HTTP stream request body (https://elevenlabs.io/docs/api-reference/text-to-speech/stream).
 * Stateless and thread-safe.
 */
final class ElevenLabsMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElevenLabsMessages() {
    }

    /** Opens a context: a single space, the voice settings and the chunk schedule. */
    static String initContext(String contextId, VoiceSettings voice, List<Integer> schedule) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("text", " ");
        msg.put("context_id", contextId);
        msg.set("voice_settings", voiceSettings(voice));
        ArrayNode chunks = msg.putObject("generation_config").putArray("chunk_length_schedule");
        schedule.forEach(chunks::add);
        return msg.toString();
    }

    /** Text for a context; the docs ask for text ending in a space, so words never run together. */
    static String text(String contextId, String text, boolean flush) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("text", text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1)) ? text : text + " ");
        msg.put("context_id", contextId);
        if (flush) {
            msg.put("flush", true);
        }
        return msg.toString();
    }

    /** An empty text for a context: resets the inactivity timer without generating audio. */
    static String keepAlive(String contextId) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("text", "");
        msg.put("context_id", contextId);
        return msg.toString();
    }

    static String closeContext(String contextId) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("context_id", contextId);
        msg.put("close_context", true);
        return msg.toString();
    }

    static String closeSocket() {
        return "{\"close_socket\":true}";
    }

    /** The body of {@code POST /v1/text-to-speech/{voice_id}/stream}. */
    static String streamRequest(String text, String modelId, VoiceSettings voice) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("text", text);
        msg.put("model_id", modelId);
        msg.set("voice_settings", voiceSettings(voice));
        return msg.toString();
    }

    private static ObjectNode voiceSettings(VoiceSettings voice) {
        ObjectNode settings = JSON.createObjectNode();
        settings.put("stability", voice.stability());
        settings.put("similarity_boost", voice.similarityBoost());
        settings.put("speed", voice.speed());
        return settings;
    }

    /** Decodes one text frame; never throws. */
    static ServerMessage decode(String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new ServerMessage.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (msg == null || !msg.isObject()) {
            return new ServerMessage.Malformed("not a JSON object");
        }
        Optional<String> contextId = textField(msg, "contextId").or(() -> textField(msg, "context_id"));
        if (msg.hasNonNull("error")) {
            return new ServerMessage.ServerError(contextId, msg.get("error").asText(), msg.path("message").asText(""));
        }
        boolean isFinal = msg.path("isFinal").asBoolean(false) || msg.path("is_final").asBoolean(false);
        JsonNode audioNode = msg.get("audio");
        if ((audioNode == null || audioNode.isNull()) && !isFinal) {
            return new ServerMessage.Malformed("neither audio nor isFinal");
        }
        if (contextId.isEmpty()) {
            return new ServerMessage.Malformed("no contextId");
        }
        byte[] audio;
        try {
            audio = audioNode == null || audioNode.isNull() ? new byte[0] : Base64.getDecoder().decode(audioNode.asText());
        } catch (IllegalArgumentException e) {
            return new ServerMessage.Malformed("audio is not base64");
        }
        Optional<Alignment> alignment = alignment(msg.get("alignment")).or(() -> alignment(msg.get("normalizedAlignment")));
        return new ServerMessage.Output(contextId.get(), audio, alignment, isFinal);
    }

    private static Optional<String> textField(JsonNode msg, String name) {
        JsonNode node = msg.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static Optional<Alignment> alignment(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode chars = node.path("chars");
        JsonNode starts = node.path("charStartTimesMs");
        // The docs spell the durations both ways across endpoints and versions.
        JsonNode durations = node.has("charDurationsMs") ? node.path("charDurationsMs") : node.path("charsDurationsMs");
        if (!chars.isArray() || !starts.isArray() || !durations.isArray()) {
            return Optional.empty();
        }
        List<String> c = new ArrayList<>(chars.size());
        chars.forEach(n -> c.add(n.asText()));
        List<Integer> s = new ArrayList<>(starts.size());
        starts.forEach(n -> s.add(n.asInt()));
        List<Integer> d = new ArrayList<>(durations.size());
        durations.forEach(n -> d.add(n.asInt()));
        return Optional.of(new Alignment(c, s, d));
    }
}
