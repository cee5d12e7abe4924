package dev.sparring.media.eventlog;

import dev.sparring.media.MediaServerException;

/** The durable outbox could not be written or read. */
public final class OutboxException extends MediaServerException {
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
