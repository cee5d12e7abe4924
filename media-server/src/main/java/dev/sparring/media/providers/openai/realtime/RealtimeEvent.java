package dev.sparring.media.providers.openai.realtime;

import java.time.Duration;
import java.util.Optional;

/**
 * The Realtime server events this client acts on, decoded from their JSON text frames
 * (https://developers.openai.com/api/reference/resources/realtime/server-events). Audio deltas
 * carry decoded bytes in the session's output format. Immutable values.
 */
public sealed interface RealtimeEvent {

    /** {@code session.created} or {@code session.updated}. */
    record SessionReady(String type) implements RealtimeEvent {}

    /** {@code input_audio_buffer.speech_started}: the server VAD heard the rep start. */
    record SpeechStarted(long audioStartMs, String itemId) implements RealtimeEvent {}

    /** {@code input_audio_buffer.speech_stopped}: times are on the session's input audio. */
    record SpeechStopped(long audioEndMs, String itemId) implements RealtimeEvent {}

    /** {@code input_audio_buffer.committed}: the rep's turn became a user item. */
    record Committed(String itemId) implements RealtimeEvent {}

    /** {@code conversation.item.input_audio_transcription.completed}. */
    record InputTranscript(String itemId, String transcript) implements RealtimeEvent {}

    /** {@code conversation.item.input_audio_transcription.failed}. */
    record InputTranscriptFailed(String itemId, String message) implements RealtimeEvent {}

    /** {@code response.created}. */
    record ResponseCreated(String responseId) implements RealtimeEvent {}

    /** {@code response.output_audio.delta} (beta name {@code response.audio.delta}). */
    record AudioDelta(String responseId, String itemId, int contentIndex, byte[] audio) implements RealtimeEvent {}

    /** {@code response.output_audio_transcript.delta} (beta {@code response.audio_transcript.delta}). */
    record TranscriptDelta(String responseId, String itemId, String delta) implements RealtimeEvent {}

    /** {@code response.output_audio_transcript.done}: the whole transcript of the item's audio. */
    record TranscriptDone(String responseId, String itemId, String transcript) implements RealtimeEvent {}

    /**
     * {@code response.done}.
     *
     * @param status {@code completed}, {@code cancelled}, {@code failed} or {@code incomplete}
     * @param error  set when the response failed
     */
    record ResponseDone(String responseId, String status, Optional<ServerError> error) implements RealtimeEvent {
        public boolean completed() {
            return status.equals("completed");
        }
    }

    /** {@code conversation.item.truncated}: the server cut an item's audio at {@code audioEndMs}. */
    record Truncated(String itemId, int contentIndex, long audioEndMs) implements RealtimeEvent {}

    /**
     * An {@code error} event, or the error of a failed response.
     *
     * @param kind       the metric kind: rate-limited, request, auth, server
     * @param code       the server's {@code code} (e.g. {@code rate_limit_exceeded}), or its {@code type}
     * @param retryAfter a wait hinted in the message ("try again in 1.2s"), if any
     */
    record ServerError(String kind, String code, String message, boolean retryable, Optional<Duration> retryAfter)
            implements RealtimeEvent {}

    /** Any other event type (item added/done, content parts, rate_limits.updated, …). */
    record Other(String type) implements RealtimeEvent {}
}
