package dev.sparring.media.webrtc.sdp;

import dev.sparring.media.MediaServerException;

/** An SDP offer we cannot parse or cannot accept, or answer inputs that cannot be rendered. */
public final class SdpException extends MediaServerException {
    public SdpException(String message) {
        super(message);
    }
}
