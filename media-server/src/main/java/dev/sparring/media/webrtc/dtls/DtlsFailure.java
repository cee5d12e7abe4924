package dev.sparring.media.webrtc.dtls;

/** Why a DTLS handshake failed; counted per reason in {@link DtlsCounters}. */
public enum DtlsFailure {
    FINGERPRINT_MISMATCH("fingerprint mismatch"),
    NO_CLIENT_CERTIFICATE("client sent no certificate"),
    NO_USE_SRTP("client did not offer use_srtp"),
    NO_COMMON_SRTP_PROFILE("no common SRTP protection profile"),
    TIMEOUT("handshake timed out"),
    ALERT_RECEIVED("peer sent a fatal alert"),
    PROTOCOL_ERROR("handshake failed");

    private final String description;

    DtlsFailure(String description) {
        this.description = description;
    }

    /** The text {@link DtlsListener#onFailed} receives (possibly followed by a detail). */
    public String description() {
        return description;
    }
}
