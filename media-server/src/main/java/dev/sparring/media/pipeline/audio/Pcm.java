package dev.sparring.media.pipeline.audio;

/** PCM16 little-endian byte/short conversions and G.711 μ-law, allocation-free where it matters. */
public final class Pcm {
    private static final int MULAW_BIAS = 0x84;
    private static final int MULAW_CLIP = 32_635;
    private static final short[] MULAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int t = ((u & 0x0F) << 3) + MULAW_BIAS;
            t <<= (u & 0x70) >> 4;
            MULAW_DECODE[i] = (short) ((u & 0x80) != 0 ? MULAW_BIAS - t : t - MULAW_BIAS);
        }
    }

    private Pcm() {}

    public static short[] fromLittleEndian(byte[] bytes) {
        short[] out = new short[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return out;
    }

    public static byte[] toLittleEndian(short[] samples, int offset, int length) {
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            short s = samples[offset + i];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    public static short muLawDecode(byte code) {
        return MULAW_DECODE[code & 0xFF];
    }

    public static byte muLawEncode(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > MULAW_CLIP) {
            s = MULAW_CLIP;
        }
        s += MULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Root mean square of a frame, 0..32768. */
    public static double rms(short[] samples, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (long) samples[i] * samples[i];
        }
        return Math.sqrt((double) sum / length);
    }
}
