package dev.sparring.controlplane.calls;

import java.io.Serial;

/** A state change the call lifecycle does not allow, e.g. scored → live. */
public class IllegalCallTransitionException extends CallException {
    @Serial
    private static final long serialVersionUID = 1L;

    public IllegalCallTransitionException(CallState from, CallState to) {
        super("a call cannot move from " + from.dbValue() + " to " + to.dbValue());
    }
}
