package dev.sparring.media.webrtc.stun;

import dev.sparring.media.MediaServerException;

/** Bytes that are not a well-formed STUN message, or a STUN message that cannot be encoded. */
public final class StunException extends MediaServerException {
    public StunException(String message) {
        super(message);
    }
}
