package dev.sparring.codecs.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.codecs.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcmBytesTest {

    @Test
    void readsLittleEndianSamples() {
        byte[] bytes = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80, (byte) 0xFF, 0x7F};
        assertThat(PcmBytes.toShorts(bytes))
                .containsExactly((short) 0x1234, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Test
    void agreesWithByteBufferForEveryValue() {
        short[] all = new short[65_536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (Short.MIN_VALUE + i);
        }
        byte[] bytes = PcmBytes.toBytes(all);
        ByteBuffer reference = ByteBuffer.allocate(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : all) {
            reference.putShort(s);
        }
        assertThat(bytes).isEqualTo(reference.array());
        assertThat(PcmBytes.toShorts(bytes)).isEqualTo(all);
    }

    @Test
    void convertsRangesAtOffsets() {
        byte[] bytes = new byte[10];
        PcmBytes.toBytes(new short[] {9, 0x0102}, 1, bytes, 3, 1);
        assertThat(bytes[3]).isEqualTo((byte) 0x02);
        assertThat(bytes[4]).isEqualTo((byte) 0x01);
        short[] back = new short[3];
        PcmBytes.toShorts(bytes, 3, back, 2, 1);
        assertThat(back).containsExactly((short) 0, (short) 0, (short) 0x0102);
    }

    @Test
    void oddByteCountIsACodecError() {
        assertThatThrownBy(() -> PcmBytes.toShorts(new byte[3]))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("odd byte count: 3");
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        assertThatThrownBy(() -> PcmBytes.toShorts(new byte[4], 0, new short[4], 0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
