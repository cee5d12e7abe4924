package dev.sparring.loadtest;

/**
 * The unchecked exception of the load-test kit: a bad call script, unreadable audio, a placement
 * the control plane refused, or a Media Streams protocol violation seen by the emulator.
 */
public class LoadTestException extends RuntimeException {

    /** @param message what went wrong, naming the offending file, key or message */
    public LoadTestException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public LoadTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
