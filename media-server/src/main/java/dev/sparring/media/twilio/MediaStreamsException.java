package dev.sparring.media.twilio;

import dev.sparring.media.MediaServerException;

/**
 * A Media Streams message or stream was refused. {@link #reason()} is a short, stable tag (metric
 * label and WebSocket close reason); {@link #closeCode()} the WebSocket close status to send.
 */
public final class MediaStreamsException extends MediaServerException {
    private final String reason;
    private final int closeCode;

    public MediaStreamsException(String reason, int closeCode, String message) {
        super(message);
        this.reason = reason;
        this.closeCode = closeCode;
    }

    public String reason() {
        return reason;
    }

    public int closeCode() {
        return closeCode;
    }
}
