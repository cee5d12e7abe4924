package dev.sparring.media.webrtc.stun;

/**
 * Where one attribute sits inside its message: {@code offset} is the index of its 4-byte header in
 * {@link StunMessage#bytes()}, {@code length} the value length without padding.
 */
public record StunAttribute(int type, int offset, int length) {
    /** Index of the first value byte. */
    public int valueOffset() {
        return offset + 4;
    }
}
