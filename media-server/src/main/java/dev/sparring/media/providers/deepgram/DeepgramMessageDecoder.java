package dev.sparring.media.providers.deepgram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Text frames to {@link DeepgramMessage}s. Stateless and thread-safe.
 */
final class DeepgramMessageDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A text frame that is not a message this decoder can read. */
    static final class MalformedMessageException extends Exception {
        MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    DeepgramMessage decode(String text) throws MalformedMessageException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw new MalformedMessageException("a message is a JSON object with a type", null);
        }
        String type = root.get("type").asText();
        return switch (type) {
            case "Results" -> results(root);
            case "UtteranceEnd" -> new DeepgramMessage.UtteranceEnd(number(root, "last_word_end"));
            case "SpeechStarted" -> new DeepgramMessage.SpeechStarted(number(root, "timestamp"));
            case "Metadata" -> new DeepgramMessage.Metadata(root.path("request_id").asText(""),
                    root.path("duration").asDouble(0));
            default -> new DeepgramMessage.Other(type);
        };
    }

    private static DeepgramMessage.Results results(JsonNode root) throws MalformedMessageException {
        JsonNode alternatives = root.path("channel").path("alternatives");
        if (!alternatives.isArray()) {
            throw new MalformedMessageException("Results without channel.alternatives", null);
        }
        JsonNode best = alternatives.path(0);
        List<DeepgramMessage.Word> words = new ArrayList<>();
        for (JsonNode word : best.path("words")) {
            String text = word.path("punctuated_word").asText(word.path("word").asText(""));
            words.add(new DeepgramMessage.Word(text, number(word, "start"), number(word, "end")));
        }
        return new DeepgramMessage.Results(number(root, "start"), number(root, "duration"),
                root.path("is_final").asBoolean(false), root.path("speech_final").asBoolean(false),
                root.path("from_finalize").asBoolean(false), best.path("transcript").asText(""), words);
    }

    private static double number(JsonNode node, String field) throws MalformedMessageException {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new MalformedMessageException("missing number '" + field + "'", null);
        }
        return value.asDouble();
    }
}
