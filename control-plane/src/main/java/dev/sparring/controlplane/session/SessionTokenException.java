package dev.sparring.controlplane.session;

/** A session token is malformed, forged or expired. */
public final class SessionTokenException extends RuntimeException {
    public SessionTokenException(String message) {
        super(message);
    }
}
