package dev.sparring.media.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * One {@code data:} payload of a streamed chat completion, as documented in
 * https://platform.openai.com/docs/api-reference/chat/streaming: a {@code chat.completion.chunk}
 * whose {@code choices[0].delta.content} carries text and whose {@code finish_reason} is set on the
 * last chunk; the literal {@code [DONE]} ending the stream; or an {@code {"error": …}} object that
 * OpenAI-compatible servers send when a stream fails after its 200 status.
 */
sealed interface ChatStreamEvent {

    record Delta(Optional<String> content, Optional<String> finishReason) implements ChatStreamEvent {
    }

    record Done() implements ChatStreamEvent {
    }

    record StreamError(String message) implements ChatStreamEvent {
    }

    /** The payload is not JSON, or not a chunk. */
    record Malformed(String reason) implements ChatStreamEvent {
    }

    static ChatStreamEvent parse(ObjectMapper json, String data) {
        if (data.equals("[DONE]")) {
            return new Done();
        }
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (IOException e) {
            return new Malformed("chunk is not JSON: " + abbreviate(data));
        }
        if (root == null || !root.isObject()) {
            return new Malformed("chunk is not a JSON object: " + abbreviate(data));
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            return new StreamError(error.path("message").asText(error.toString()));
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            return new Malformed("chunk without choices: " + abbreviate(data));
        }
        if (choices.isEmpty()) {
            // The usage chunk of stream_options.include_usage has no choices.
            return new Delta(Optional.empty(), Optional.empty());
        }
        JsonNode choice = choices.get(0);
        JsonNode content = choice.path("delta").path("content");
        JsonNode finish = choice.path("finish_reason");
        if (!content.isMissingNode() && !content.isNull() && !content.isTextual()) {
            return new Malformed("delta.content is not a string: " + abbreviate(data));
        }
        return new Delta(content.isTextual() && !content.asText().isEmpty() ? Optional.of(content.asText()) : Optional.empty(),
                finish.isTextual() ? Optional.of(finish.asText()) : Optional.empty());
    }

    private static String abbreviate(String data) {
        return data.length() <= 120 ? data : data.substring(0, 120) + "…";
    }
}
