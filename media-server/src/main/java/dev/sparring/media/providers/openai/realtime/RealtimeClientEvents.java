package dev.sparring.media.providers.openai.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.media.pipeline.ProviderException;
import java.util.Base64;
import java.util.Optional;

/**
 * Client event JSON, exactly as the GA Realtime API takes it
 * (https://developers.openai.com/api/reference/resources/realtime/client-events). Stateless and
 * thread-safe; audio appends are built by concatenation (they are the hot path: one per batch).
 */
final class RealtimeClientEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who a conversation item is from. */
    enum Role {
        SYSTEM("system", "input_text"), USER("user", "input_text"), ASSISTANT("assistant", "output_text");

        final String wire;
        final String contentType;

        Role(String wire, String contentType) {
            this.wire = wire;
            this.contentType = contentType;
        }
    }

    private RealtimeClientEvents() {}

    static String sessionUpdate(RealtimeConfig config, SessionSetup setup) {
        ObjectNode root = JSON.createObjectNode().put("type", "session.update");
        ObjectNode session = root.putObject("session");
        session.put("type", "realtime").put("model", config.model()).put("instructions", setup.instructions());
        session.putArray("output_modalities").add("audio");
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        format(input.putObject("format"), setup);
        input.putObject("transcription").put("model", config.transcriptionModel());
        ObjectNode turn = input.putObject("turn_detection").put("type", config.turnDetection().wireName());
        if (config.turnDetection() == TurnDetection.SERVER_VAD) {
            turn.put("threshold", config.vadThreshold()).put("prefix_padding_ms", config.vadPrefixPaddingMs())
                    .put("silence_duration_ms", config.vadSilenceMs());
        } else {
            turn.put("eagerness", "auto");
        }
        turn.put("create_response", true).put("interrupt_response", true);
        ObjectNode output = audio.putObject("output");
        format(output.putObject("format"), setup);
        output.put("voice", setup.voice());
        if (config.tracing()) {
            ObjectNode tracing = session.putObject("tracing").put("workflow_name", "sparring-call")
                    .put("group_id", setup.callId());
            ObjectNode metadata = tracing.putObject("metadata").put("call_id", setup.callId());
            setup.script().ifPresent(s -> metadata.put("script", s));
        }
        return write(root);
    }

    private static void format(ObjectNode format, SessionSetup setup) {
        if (setup.pcmu()) {
            format.put("type", "audio/pcmu");
        } else {
            format.put("type", "audio/pcm").put("rate", 24_000);
        }
    }

    static String append(byte[] audio, int offset, int length) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                + Base64.getEncoder().encodeToString(offset == 0 && length == audio.length ? audio
                        : java.util.Arrays.copyOfRange(audio, offset, offset + length))
                + "\"}";
    }

    static String createItem(Role role, String text) {
        ObjectNode root = JSON.createObjectNode().put("type", "conversation.item.create");
        ObjectNode item = root.putObject("item").put("type", "message").put("role", role.wire);
        ArrayNode content = item.putArray("content");
        content.addObject().put("type", role.contentType).put("text", text);
        return write(root);
    }

    static String createResponse(Optional<String> instructions) {
        ObjectNode root = JSON.createObjectNode().put("type", "response.create");
        instructions.ifPresent(i -> root.putObject("response").put("instructions", i));
        return write(root);
    }

    static String cancelResponse() {
        return "{\"type\":\"response.cancel\"}";
    }

    static String truncate(String itemId, int contentIndex, long audioEndMs) {
        return write(JSON.createObjectNode().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", contentIndex).put("audio_end_ms", audioEndMs));
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ProviderException(RealtimeMetrics.PROVIDER, "protocol", "cannot encode a client event", false, e);
        }
    }
}
