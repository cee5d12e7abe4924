package dev.sparring.media.pipeline;

/** Base of the unchecked exceptions thrown by the call pipeline and its data parsers. */
public class PipelineException extends RuntimeException {
    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
