package dev.sparring.loadtest.script;

import dev.sparring.loadtest.LoadTestException;

/** A call script that cannot be read or breaks the format; the message names file and entry. */
public final class ScriptException extends LoadTestException {

    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
