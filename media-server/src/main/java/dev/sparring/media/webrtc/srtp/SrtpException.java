package dev.sparring.media.webrtc.srtp;

import dev.sparring.media.MediaServerException;

/**
 * A caller error in the SRTP layer: bad key lengths, or a packet handed to {@code protect} that
 * is not RTP/RTCP. Packets that fail to unprotect are values ({@link SrtpResult.Failed}), not this.
 */
public final class SrtpException extends MediaServerException {
    public SrtpException(String message) {
        super(message);
    }

    public SrtpException(String message, Throwable cause) {
        super(message, cause);
    }
}
