package dev.sparring.media.pipeline.session;

import dev.sparring.media.pipeline.PipelineException;

/** A session, persona, scenario or call script document is malformed; the message names the field. */
public final class InvalidSessionException extends PipelineException {
    public InvalidSessionException(String message) {
        super(message);
    }

    public InvalidSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
