package dev.sparring.codecs.g711;

import java.util.Objects;

/**
 * G.711 A-law encoder and decoder, bit-exact with ITU-T G.191 {@code alaw_compress} /
 * {@code alaw_expand}. Decoding is one lookup in a 256-entry table; encoding is one lookup in a
 * 4,096-entry table indexed by the 12 significant bits of the sample (the reference ignores the
 * four least significant bits).
 *
 * <p>Stateless and thread-safe.
 */
public final class ALaw {

    /** The code for the smallest positive level, used as silence. */
    public static final byte SILENCE = (byte) 0xD5;

    private static final short[] DECODE = new short[256];
    private static final byte[] ENCODE = new byte[1 << 12];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE[code] = expand(code);
        }
        for (int index = 0; index < ENCODE.length; index++) {
            int sample = (short) (index << 4);
            ENCODE[index] = compress(sample);
        }
    }

    private ALaw() {
    }

    /**
     * @param code an A-law byte
     * @return the linear sample, in the range -32256..32256
     */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /**
     * @param sample a linear 16-bit sample
     * @return its A-law code
     */
    public static byte encode(short sample) {
        return ENCODE[(sample >> 4) & 0x0FFF];
    }

    /**
     * Decodes {@code length} A-law bytes into linear samples; allocation-free.
     *
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void decode(byte[] src, int srcOffset, short[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        short[] table = DECODE;
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = table[src[srcOffset + i] & 0xFF];
        }
    }

    /**
     * Encodes {@code length} linear samples into A-law bytes; allocation-free.
     *
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void encode(short[] src, int srcOffset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        byte[] table = ENCODE;
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = table[(src[srcOffset + i] >> 4) & 0x0FFF];
        }
    }

    /** @return a new array with every byte of {@code src} decoded */
    public static short[] decode(byte[] src) {
        short[] out = new short[src.length];
        decode(src, 0, out, 0, src.length);
        return out;
    }

    /** @return a new array with every sample of {@code src} encoded */
    public static byte[] encode(short[] src) {
        byte[] out = new byte[src.length];
        encode(src, 0, out, 0, src.length);
        return out;
    }

    /** The G.711 expansion rule, used once per code to fill the decode table. */
    private static short expand(int code) {
        int toggled = (code ^ 0x55) & 0x7F;
        int exponent = toggled >> 4;
        int mantissa = toggled & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        int magnitude = (mantissa << 4) + 8;
        if (exponent > 1) {
            magnitude <<= exponent - 1;
        }
        return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
    }

    /**
     * The G.711 compression rule, used once per 12-bit input to fill the encode table. The
     * exponent comes from the bit length of the magnitude instead of the reference's loop.
     */
    private static byte compress(int sample) {
        int signMask = sample >> 31;
        int magnitude = (sample ^ signMask) >> 4;
        int exponent = Math.max(32 - Integer.numberOfLeadingZeros(magnitude) - 4, 0);
        int code = (exponent << 4) | ((magnitude >> Math.max(exponent - 1, 0)) & 0x0F);
        if (signMask == 0) {
            code |= 0x80;
        }
        return (byte) (code ^ 0x55);
    }
}
