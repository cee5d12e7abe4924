package dev.sparring.media.webrtc.srtp;

/** Why an SRTP or SRTCP packet was rejected; the lead counts these per reason. */
public enum SrtpFailure {
    /** The authentication tag did not match: tampered, wrong keys, or a guessed ROC that was wrong. */
    AUTH_FAILED,
    /** The packet index was already received inside the replay window. */
    REPLAYED,
    /** The packet index lies behind the replay window, so replay cannot be ruled out. */
    TOO_OLD,
    /** Shorter than a minimal header plus trailer. */
    TRUNCATED,
    /** Not version 2, or its header (CSRCs, extension) runs past the packet. */
    MALFORMED
}
