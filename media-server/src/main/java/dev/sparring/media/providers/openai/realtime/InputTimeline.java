package dev.sparring.media.providers.openai.realtime;

/**
 * Maps positions on the Realtime session's input audio (the {@code audio_start_ms}/{@code audio_end_ms}
 * of VAD events) to the call's clock: it remembers when each of the last ~10 s of 20 ms caller
 * frames arrived. A reconnect starts a new session whose input audio begins at zero again.
 *
 * <p>Owns a ring of arrival times; one per call, touched only by the call's executor.
 */
final class InputTimeline {
    private static final int FRAME_MS = 20;
    private final long[] arrivals = new long[512];
    private long frames;
    private double pendingMs;
    private long sessionStartFrame;

    /** Records {@code millis} of caller audio that arrived at {@code atMs} (the end of the audio). */
    void arrived(double millis, long atMs) {
        pendingMs += millis;
        while (pendingMs >= FRAME_MS) {
            pendingMs -= FRAME_MS;
            arrivals[(int) (frames % arrivals.length)] = atMs;
            frames++;
        }
    }

    /** A new session begins with the next audio. */
    void newSession() {
        sessionStartFrame = frames;
    }

    /** @return the call-clock time at which the session's audio position {@code sessionMs} was captured */
    long callTimeOf(long sessionMs, long nowMs) {
        long frame = sessionStartFrame + sessionMs / FRAME_MS;
        long intoFrame = sessionMs % FRAME_MS;
        if (frame >= frames) {
            return nowMs;
        }
        if (frame < frames - arrivals.length || frame < 0) {
            return nowMs - (frames - frame) * FRAME_MS + intoFrame;
        }
        // A frame's arrival marks its end; the position lies intoFrame ms after its start.
        return arrivals[(int) (frame % arrivals.length)] - FRAME_MS + intoFrame;
    }
}
