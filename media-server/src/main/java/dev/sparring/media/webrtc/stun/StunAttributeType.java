package dev.sparring.media.webrtc.stun;

/** Attribute type codes this package understands (RFC 8489 §18.3, RFC 8445 §16.1). */
public final class StunAttributeType {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    private StunAttributeType() {}

    /** Types 0x0000-0x7FFF must be understood by the receiver or the request refused with 420. */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** The comprehension-required types this package parses or deliberately tolerates. */
    static boolean isKnown(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, REALM, NONCE,
                    XOR_MAPPED_ADDRESS, PRIORITY, USE_CANDIDATE -> true;
            default -> false;
        };
    }
}
