package dev.sparring.media.providers.openai.realtime;

import java.util.Optional;

/**
 * One call's Realtime session. Every method is non-blocking and may be called from any thread;
 * calls from one thread keep their order on the wire. Messages sent while (re)connecting are
 * queued (audio only up to {@link RealtimeConfig#pendingAudioLimit()}).
 */
public interface RealtimeConnection extends AutoCloseable {
    /** Appends caller audio in the session's input format ({@code input_audio_buffer.append}). */
    void appendAudio(byte[] audio);

    /** Adds a text message to the conversation ({@code conversation.item.create}). */
    void addSystemMessage(String text);

    void addUserMessage(String text);

    /** Adds what the prospect said earlier (when replaying a conversation to a new session). */
    void addAssistantMessage(String text);

    /** Asks for a response ({@code response.create}), with per-response instructions if given. */
    void createResponse(Optional<String> instructions);

    /** Cancels the response in progress ({@code response.cancel}). */
    void cancelResponse();

    /** Cuts an assistant item's audio to what the caller heard ({@code conversation.item.truncate}). */
    void truncate(String itemId, int contentIndex, long audioEndMs);

    /** Closes the WebSocket; no callback comes afterwards. */
    @Override
    void close();
}
