package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.ProviderException;

/** What a {@link RealtimeConnection} reports. Callbacks come on the connection's event loop. */
public interface RealtimeListener {
    /** A server event (server {@code error} events included, as {@link RealtimeEvent.ServerError}). */
    void onEvent(RealtimeEvent event);

    /**
     * The connection failed: refused upgrade (auth, rate-limited), connect failure, a drop, a
     * malformed message, a response without audio for too long (kind {@code timeout}). When
     * {@link ProviderException#retryable()} is false for a connection failure the session is over.
     */
    void onError(ProviderException error);

    /**
     * A dropped connection was replaced and {@code session.update} re-sent. The new server session
     * has an empty conversation: the listener replays what it needs.
     */
    void onReconnected();
}
