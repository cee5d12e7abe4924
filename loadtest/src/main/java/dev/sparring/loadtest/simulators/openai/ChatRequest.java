package dev.sparring.loadtest.simulators.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The part of a {@code POST /v1/chat/completions} body the simulator acts on.
 * Parsing follows the API reference (https://platform.openai.com/docs/api-reference/chat/create):
 * {@code model} and {@code messages} are required; {@code stream} defaults to false.
 */
record ChatRequest(String model, boolean stream, List<ChatMessage> messages, OptionalInt maxTokens) {

    record ChatMessage(String role, String content) {
    }

    /** The outcome of parsing: a request to answer, or the 400 error OpenAI would return. */
    sealed interface Parsed permits Valid, Invalid {
    }

    record Valid(ChatRequest request) implements Parsed {
    }

    record Invalid(OpenAiErrorBody error) implements Parsed {
    }

    ChatRequest {
        messages = List.copyOf(messages);
    }

    static Parsed parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return new Invalid(OpenAiErrorBody.unparseableJson());
        }
        if (root == null || !root.isObject()) {
            return new Invalid(OpenAiErrorBody.unparseableJson());
        }
        JsonNode model = root.path("model");
        if (!model.isTextual() || model.asText().isBlank()) {
            return new Invalid(OpenAiErrorBody.missingModel());
        }
        JsonNode messages = root.path("messages");
        if (messages.isMissingNode() || messages.isNull()) {
            return new Invalid(OpenAiErrorBody.missingParameter("messages"));
        }
        if (!messages.isArray() || messages.isEmpty()) {
            return new Invalid(OpenAiErrorBody.invalidParameter("messages",
                    "Invalid 'messages': empty array. Expected an array with minimum length 1."));
        }
        List<ChatMessage> parsed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            Optional<String> role = text(m.path("role"));
            if (role.isEmpty()) {
                return new Invalid(OpenAiErrorBody.missingParameter("messages[" + i + "].role"));
            }
            parsed.add(new ChatMessage(role.get(), content(m.path("content"))));
        }
        JsonNode stream = root.path("stream");
        JsonNode max = root.has("max_completion_tokens") ? root.path("max_completion_tokens") : root.path("max_tokens");
        OptionalInt maxTokens = max.isInt() ? OptionalInt.of(max.asInt()) : OptionalInt.empty();
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            return new Invalid(OpenAiErrorBody.invalidParameter("max_tokens",
                    "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1."));
        }
        return new Valid(new ChatRequest(model.asText(), stream.asBoolean(false), parsed, maxTokens));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** Content is a string or an array of content parts; only text parts matter here. */
    private static String content(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder text = new StringBuilder();
        if (node.isArray()) {
            for (JsonNode part : node) {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            }
        }
        return text.toString();
    }
}
