package dev.sparring.media.providers.openai.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realtime server event JSON → {@link RealtimeEvent}. Accepts the GA event names and the beta
 * aliases for output audio ({@code response.audio.delta}, {@code response.audio_transcript.*}) so
 * Azure-style and older servers work too. Stateless and thread-safe.
 */
final class RealtimeEventDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRY_AGAIN = Pattern.compile("try again in ([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)");

    /** The text was not a Realtime event (not JSON, no type, or a field of the wrong shape). */
    static final class MalformedEventException extends Exception {
        MalformedEventException(String message) {
            super(message);
        }
    }

    RealtimeEvent decode(String text) throws MalformedEventException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw new MalformedEventException("no event type");
        }
        String type = root.get("type").asText();
        return switch (type) {
            case "session.created", "session.updated" -> new RealtimeEvent.SessionReady(type);
            case "input_audio_buffer.speech_started" ->
                    new RealtimeEvent.SpeechStarted(number(root, "audio_start_ms"), text(root, "item_id"));
            case "input_audio_buffer.speech_stopped" ->
                    new RealtimeEvent.SpeechStopped(number(root, "audio_end_ms"), text(root, "item_id"));
            case "input_audio_buffer.committed" -> new RealtimeEvent.Committed(text(root, "item_id"));
            case "conversation.item.input_audio_transcription.completed" ->
                    new RealtimeEvent.InputTranscript(text(root, "item_id"), text(root, "transcript"));
            case "conversation.item.input_audio_transcription.failed" ->
                    new RealtimeEvent.InputTranscriptFailed(text(root, "item_id"),
                            root.path("error").path("message").asText("transcription failed"));
            case "response.created" -> new RealtimeEvent.ResponseCreated(text(root.path("response"), "id"));
            case "response.output_audio.delta", "response.audio.delta" -> new RealtimeEvent.AudioDelta(
                    text(root, "response_id"), text(root, "item_id"), (int) number(root, "content_index"),
                    base64(root, "delta"));
            case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                    new RealtimeEvent.TranscriptDelta(text(root, "response_id"), text(root, "item_id"),
                            text(root, "delta"));
            case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
                    new RealtimeEvent.TranscriptDone(text(root, "response_id"), text(root, "item_id"),
                            text(root, "transcript"));
            case "response.done" -> responseDone(root.path("response"));
            case "conversation.item.truncated" -> new RealtimeEvent.Truncated(text(root, "item_id"),
                    (int) number(root, "content_index"), number(root, "audio_end_ms"));
            case "error" -> error(root.path("error"));
            default -> new RealtimeEvent.Other(type);
        };
    }

    private static RealtimeEvent.ResponseDone responseDone(JsonNode response) throws MalformedEventException {
        String status = text(response, "status");
        JsonNode error = response.path("status_details").path("error");
        Optional<RealtimeEvent.ServerError> failure = error.isObject() ? Optional.of(error(error))
                : status.equals("failed") ? Optional.of(new RealtimeEvent.ServerError("server", "failed",
                        "response failed", true, Optional.empty()))
                : Optional.empty();
        return new RealtimeEvent.ResponseDone(text(response, "id"), status, failure);
    }

    static RealtimeEvent.ServerError error(JsonNode error) {
        String type = error.path("type").asText("server_error");
        String code = error.path("code").isTextual() ? error.path("code").asText() : type;
        String message = error.path("message").asText("");
        String kind;
        boolean retryable;
        if (code.contains("rate_limit") || type.contains("rate_limit")) {
            kind = "rate-limited";
            retryable = true;
        } else if (type.equals("authentication_error") || code.equals("invalid_api_key")) {
            kind = "auth";
            retryable = false;
        } else if (type.equals("invalid_request_error")) {
            kind = "request";
            retryable = false;
        } else {
            kind = "server";
            retryable = true;
        }
        return new RealtimeEvent.ServerError(kind, code, message, retryable, retryAfter(message));
    }

    static Optional<Duration> retryAfter(String message) {
        Matcher m = TRY_AGAIN.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(m.group(1));
        return Optional.of(Duration.ofMillis(Math.round(m.group(2).equals("s") ? value * 1000 : value)));
    }

    private static String text(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MalformedEventException("field " + field + " missing or not a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw new MalformedEventException("field " + field + " missing or not a number");
        }
        return value.asLong();
    }

    private static byte[] base64(JsonNode node, String field) throws MalformedEventException {
        try {
            return Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("field " + field + " is not base64");
        }
    }
}
