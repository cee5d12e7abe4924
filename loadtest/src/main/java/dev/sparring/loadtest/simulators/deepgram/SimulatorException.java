package dev.sparring.loadtest.simulators.deepgram;

import dev.sparring.loadtest.LoadTestException;

/** The Deepgram simulator cannot start or cannot serve a request. */
public final class SimulatorException extends LoadTestException {
    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
