package dev.sparring.controlplane.calls;

import java.io.Serial;

/** A call operation was refused: unknown scenario or user, malformed event, bad completion reason. */
public class CallException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public CallException(String message) {
        super(message);
    }
}
