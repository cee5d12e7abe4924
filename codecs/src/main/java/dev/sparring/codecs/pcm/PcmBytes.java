package dev.sparring.codecs.pcm;

import dev.sparring.codecs.CodecException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Conversion between PCM16 little-endian bytes (WAV data, Twilio/Deepgram {@code linear16},
 * WebSocket payloads) and {@code short[]} samples. Stateless and thread-safe.
 */
public final class PcmBytes {

    private static final VarHandle LITTLE_ENDIAN_SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private PcmBytes() {
    }

    /**
     * Reads {@code sampleCount} little-endian samples ({@code 2 * sampleCount} bytes); allocation-free.
     *
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void toShorts(byte[] source, int sourceOffset, short[] destination, int destinationOffset,
            int sampleCount) {
        Objects.checkFromIndexSize(sourceOffset, sampleCount * 2, source.length);
        Objects.checkFromIndexSize(destinationOffset, sampleCount, destination.length);
        for (int i = 0; i < sampleCount; i++) {
            destination[destinationOffset + i] = (short) LITTLE_ENDIAN_SHORT.get(source, sourceOffset + 2 * i);
        }
    }

    /**
     * Writes {@code sampleCount} samples as little-endian bytes; allocation-free.
     *
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void toBytes(short[] source, int sourceOffset, byte[] destination, int destinationOffset,
            int sampleCount) {
        Objects.checkFromIndexSize(sourceOffset, sampleCount, source.length);
        Objects.checkFromIndexSize(destinationOffset, sampleCount * 2, destination.length);
        for (int i = 0; i < sampleCount; i++) {
            LITTLE_ENDIAN_SHORT.set(destination, destinationOffset + 2 * i, source[sourceOffset + i]);
        }
    }

    /**
     * @param littleEndian PCM16 bytes
     * @return the samples, newly allocated
     * @throws CodecException if the byte count is odd (a truncated sample)
     */
    public static short[] toShorts(byte[] littleEndian) {
        if (littleEndian.length % 2 != 0) {
            throw new CodecException("PCM16 data has an odd byte count: " + littleEndian.length);
        }
        short[] out = new short[littleEndian.length / 2];
        toShorts(littleEndian, 0, out, 0, out.length);
        return out;
    }

    /** @return the samples as little-endian bytes, newly allocated */
    public static byte[] toBytes(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        toBytes(samples, 0, out, 0, samples.length);
        return out;
    }
}
