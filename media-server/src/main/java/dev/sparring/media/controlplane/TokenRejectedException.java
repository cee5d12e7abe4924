package dev.sparring.media.controlplane;

import dev.sparring.media.MediaServerException;

/** A session token failed verification; {@link #rejection()} says how. */
public final class TokenRejectedException extends MediaServerException {
    private final TokenRejection rejection;

    public TokenRejectedException(TokenRejection rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    public TokenRejection rejection() {
        return rejection;
    }
}
