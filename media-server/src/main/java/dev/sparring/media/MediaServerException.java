package dev.sparring.media;

/** Base of the unchecked exceptions the media server's transport, config and event-log code throws. */
public abstract class MediaServerException extends RuntimeException {
    protected MediaServerException(String message) {
        super(message);
    }

    protected MediaServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
