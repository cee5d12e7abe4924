package dev.sparring.media.webrtc.stun;

/** An ERROR-CODE attribute: a 300-699 code and its reason phrase. */
public record StunErrorCode(int code, String reason) {
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ROLE_CONFLICT = 487;

    public StunErrorCode {
        if (code < 300 || code > 699) {
            throw new StunException("STUN error code must be 300-699, got " + code);
        }
    }

    /** The reason phrase RFC 8489 §14.8 and RFC 8445 §16.1 suggest for the codes an ICE agent sends. */
    public static StunErrorCode of(int code) {
        return new StunErrorCode(code, switch (code) {
            case BAD_REQUEST -> "Bad Request";
            case UNAUTHORIZED -> "Unauthorized";
            case UNKNOWN_ATTRIBUTE -> "Unknown Attribute";
            case ROLE_CONFLICT -> "Role Conflict";
            default -> "Error";
        });
    }
}
