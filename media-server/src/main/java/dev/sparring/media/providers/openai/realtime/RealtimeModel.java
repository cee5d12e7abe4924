package dev.sparring.media.providers.openai.realtime;

/**
 * A speech-to-speech model: opens one session per call. Implemented by {@link OpenAiRealtimeModel};
 * tests substitute their own.
 */
public interface RealtimeModel {
    /** Opens a session (connecting in the background) configured with {@code setup}. */
    RealtimeConnection open(SessionSetup setup, RealtimeListener listener);

    /** The settings the pipeline also reads (batching, default voice). */
    RealtimeConfig config();
}
