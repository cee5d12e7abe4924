package dev.sparring.media.controlplane;

/** Why a session token was refused; {@link #reason()} is the metric tag and close reason. */
public enum TokenRejection {
    MISSING("token-missing"),
    MALFORMED("token-malformed"),
    FORGED("token-forged"),
    EXPIRED("token-expired"),
    REUSED("token-reused"),
    WRONG_CHANNEL("token-channel");

    private final String reason;

    TokenRejection(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
