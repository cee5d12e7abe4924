package dev.sparring.media.providers.elevenlabs;

import java.util.Optional;

/** A decoded message from the multi-stream-input WebSocket. Errors are values. */
sealed interface ServerMessage {

    /**
     * Audio (possibly empty) for a context and, when {@code isFinal}, the end of its flushed text.
     *
     * @param alignment {@code alignment} if present, else {@code normalizedAlignment}
     */
    record Output(String contextId, byte[] audio, Optional<Alignment> alignment, boolean isFinal) implements ServerMessage {
    }

    /** {@code {"message", "error", "code"}} from the server. */
    record ServerError(Optional<String> contextId, String error, String message) implements ServerMessage {
    }

    /** Not JSON, or not a message this client knows. */
    record Malformed(String reason) implements ServerMessage {
    }
}
