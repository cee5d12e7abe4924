package dev.sparring.media.controlplane;

import dev.sparring.media.MediaServerException;

/** Talking to the control plane or handling its shared secrets failed. */
public final class ControlPlaneException extends MediaServerException {
    private final boolean retryable;

    public ControlPlaneException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ControlPlaneException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether sending the same request again may succeed (network error, 5xx, 429). */
    public boolean retryable() {
        return retryable;
    }
}
