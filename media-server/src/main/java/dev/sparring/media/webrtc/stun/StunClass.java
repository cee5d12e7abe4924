package dev.sparring.media.webrtc.stun;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** C1 sits at bit 8 and C0 at bit 4 of the 14-bit message type. */
    int typeBits() {
        return ((bits & 0b10) << 7) | ((bits & 0b01) << 4);
    }

    static StunClass ofType(int messageType) {
        int bits = ((messageType >> 7) & 0b10) | ((messageType >> 4) & 0b01);
        return values()[bits];
    }
}
