package dev.sparring.media.webrtc.ice;

/** Why an agent did not answer a STUN message with a success response; a stable metric label. */
public enum IceProblem {
    /** A Binding indication (keepalive) or a response: a lite agent sends no requests. */
    NOT_A_REQUEST,
    /** A request for a method other than Binding (answered 400). */
    UNSUPPORTED_METHOD,
    /** No FINGERPRINT: RFC 8445 §7.3 requires it to tell STUN apart on a shared port (dropped). */
    MISSING_FINGERPRINT,
    /** FINGERPRINT does not match: not a STUN message after all (dropped). */
    BAD_FINGERPRINT,
    /** USERNAME or MESSAGE-INTEGRITY absent (answered 400). */
    MISSING_CREDENTIALS,
    /** USERNAME is not "localUfrag:remoteUfrag" (answered 401). */
    WRONG_USERNAME,
    /** MESSAGE-INTEGRITY does not verify with the local password (answered 401). */
    BAD_INTEGRITY,
    /** Unknown comprehension-required attributes (answered 420). */
    UNKNOWN_ATTRIBUTES,
    /** The peer also claims the controlled role (answered 487). */
    ROLE_CONFLICT
}
