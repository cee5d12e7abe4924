package dev.sparring.loadtest.simulators.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.loadtest.LoadTestException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Formats one completion's wire messages as OpenAI sends them
 * (https://platform.openai.com/docs/api-reference/chat/streaming): every chunk of a stream shares
 * {@code id}, {@code created} and {@code model}; the first delta carries the role, the last an empty
 * delta with {@code finish_reason}; each is an SSE event {@code data: <json>\n\n}; the stream ends
 * with {@code data: [DONE]\n\n}. Immutable.
 */
final class ChunkWriter {
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final String id;
    private final long created;
    private final String model;

    ChunkWriter(ObjectMapper json, String id, long createdEpochSeconds, String model) {
        this.json = json;
        this.id = id;
        this.created = createdEpochSeconds;
        this.model = model;
    }

    /** The first chunk: {@code delta: {"role": "assistant", "content": ""}}. */
    byte[] roleChunk() {
        ObjectNode chunk = chunk();
        ObjectNode delta = choice(chunk, Optional.empty());
        delta.put("role", "assistant");
        delta.put("content", "");
        return event(chunk);
    }

    byte[] contentChunk(String text) {
        ObjectNode chunk = chunk();
        choice(chunk, Optional.empty()).put("content", text);
        return event(chunk);
    }

    byte[] finishChunk(String reason) {
        return event(chunkWithFinish(reason));
    }

    /** A content chunk cut off mid-JSON: what a broken proxy or a buggy compatible server emits. */
    byte[] malformedChunk(String text) {
        String whole = write(chunkWithContent(text));
        return ("data: " + whole.substring(0, whole.length() / 2) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The non-streaming {@code chat.completion} object. */
    byte[] completion(String content, String finishReason, int promptTokens, int completionTokens) {
        ObjectNode root = json.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return write(root).getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode chunkWithContent(String text) {
        ObjectNode chunk = chunk();
        choice(chunk, Optional.empty()).put("content", text);
        return chunk;
    }

    private ObjectNode chunkWithFinish(String reason) {
        ObjectNode chunk = chunk();
        choice(chunk, Optional.of(reason));
        return chunk;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.put("system_fingerprint", "fp_sparring_sim");
        chunk.putArray("choices");
        return chunk;
    }

    /** Adds {@code choices[0]} and returns its {@code delta}. */
    private static ObjectNode choice(ObjectNode chunk, Optional<String> finishReason) {
        ObjectNode choice = ((ArrayNode) chunk.get("choices")).addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        finishReason.ifPresentOrElse(r -> choice.put("finish_reason", r), () -> choice.putNull("finish_reason"));
        return delta;
    }

    private byte[] event(ObjectNode chunk) {
        return ("data: " + write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new LoadTestException("openai simulator: cannot write chunk", e);
        }
    }
}
