package dev.sparring.loadtest.twilio;

/**
 * Live notifications from one emulated call, for load tools that must report while calls are still
 * running (the final {@link CallResult} carries everything once the call ends).
 *
 * <p>Called on the call's event loop: implementations must be cheap, must not block, and must be
 * thread-safe when shared between calls (calls live on several loops).
 */
public interface CallObserver {

    /** Observes nothing. */
    CallObserver NONE = new CallObserver() {
    };

    /** The {@code start} message was sent: the call is up. */
    default void streamStarted() {
    }

    /**
     * The bot answered a rep line: end of the rep's speech to the first bot speech heard.
     *
     * @param latencyNanos the turn latency
     */
    default void turnAnswered(long latencyNanos) {
    }
}
