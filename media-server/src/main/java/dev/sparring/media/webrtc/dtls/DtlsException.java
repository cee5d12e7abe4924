package dev.sparring.media.webrtc.dtls;

import dev.sparring.media.MediaServerException;

/** A DTLS setup error: the certificate cannot be made, a fingerprint cannot be parsed, bad settings. */
public final class DtlsException extends MediaServerException {
    public DtlsException(String message) {
        super(message);
    }

    public DtlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
