package dev.sparring.media.webrtc.ice;

import dev.sparring.media.MediaServerException;

/** Invalid ICE credentials or settings. */
public final class IceException extends MediaServerException {
    public IceException(String message) {
        super(message);
    }
}
