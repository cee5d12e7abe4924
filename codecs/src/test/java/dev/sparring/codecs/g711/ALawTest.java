package dev.sparring.codecs.g711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ALawTest {

    @Test
    void decodesEveryCodeExactlyLikeTheG191Reference() {
        for (int code = 0; code < 256; code++) {
            assertThat(ALaw.decode((byte) code))
                    .as("code 0x%02X", code)
                    .isEqualTo(G191Reference.alawExpand(code));
        }
    }

    @Test
    void encodesEveryLinearValueExactlyLikeTheG191Reference() {
        for (int value = Short.MIN_VALUE; value <= Short.MAX_VALUE; value++) {
            assertThat(ALaw.encode((short) value) & 0xFF)
                    .as("sample %d", value)
                    .isEqualTo(G191Reference.alawCompress((short) value));
        }
    }

    @Test
    void bulkPathsMatchTheScalarPathsOverTheWholeRange() {
        short[] all = new short[65_536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (Short.MIN_VALUE + i);
        }
        byte[] encoded = new byte[all.length];
        ALaw.encode(all, 0, encoded, 0, all.length);
        short[] decoded = new short[all.length];
        ALaw.decode(encoded, 0, decoded, 0, all.length);
        for (int i = 0; i < all.length; i++) {
            assertThat(encoded[i]).isEqualTo(ALaw.encode(all[i]));
            assertThat(decoded[i]).isEqualTo(ALaw.decode(encoded[i]));
        }
    }

    @Test
    void anchorValuesFromG711Table1() {
        assertThat(ALaw.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(ALaw.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(ALaw.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(ALaw.decode((byte) 0x2A)).isEqualTo((short) -32256);
        assertThat(ALaw.encode((short) 0)).isEqualTo(ALaw.SILENCE);
        assertThat(ALaw.encode((short) -1)).isEqualTo((byte) 0x55);
        assertThat(ALaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(ALaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            assertThat(ALaw.encode(ALaw.decode((byte) code))).as("code 0x%02X", code).isEqualTo((byte) code);
        }
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        assertThatThrownBy(() -> ALaw.decode(new byte[10], -1, new short[10], 0, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ALaw.encode(new short[10], 0, new byte[10], 8, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
