package dev.sparring.media.webrtc;

/** An offer or hang-up refused, with the HTTP status the signalling endpoint answers and a precise detail. */
public final class SignallingException extends WebRtcException {
    private final int status;
    private final String reason;

    /**
     * @param reason a short metric label ({@code bad-sdp}, {@code token-expired}, {@code draining}, …)
     */
    public SignallingException(int status, String reason, String detail) {
        super(detail);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
