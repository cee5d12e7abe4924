package dev.sparring.codecs.g711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MuLawTest {

    @Test
    void decodesEveryCodeExactlyLikeTheG191Reference() {
        for (int code = 0; code < 256; code++) {
            assertThat(MuLaw.decode((byte) code))
                    .as("code 0x%02X", code)
                    .isEqualTo(G191Reference.ulawExpand(code));
        }
    }

    @Test
    void encodesEveryLinearValueExactlyLikeTheG191Reference() {
        for (int value = Short.MIN_VALUE; value <= Short.MAX_VALUE; value++) {
            assertThat(MuLaw.encode((short) value) & 0xFF)
                    .as("sample %d", value)
                    .isEqualTo(G191Reference.ulawCompress((short) value));
        }
    }

    @Test
    void bulkPathsMatchTheScalarPathsOverTheWholeRange() {
        short[] all = new short[65_536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (Short.MIN_VALUE + i);
        }
        byte[] encoded = new byte[all.length + 3];
        MuLaw.encode(all, 0, encoded, 3, all.length);
        short[] decoded = new short[all.length + 5];
        MuLaw.decode(encoded, 3, decoded, 5, all.length);
        for (int i = 0; i < all.length; i++) {
            assertThat(encoded[3 + i]).isEqualTo(MuLaw.encode(all[i]));
            assertThat(decoded[5 + i]).isEqualTo(MuLaw.decode(encoded[3 + i]));
        }
    }

    @Test
    void anchorValuesFromG711Table2() {
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0xFF)).isZero();
        assertThat(MuLaw.decode((byte) 0x7F)).isZero();
        assertThat(MuLaw.decode((byte) 0xFE)).isEqualTo((short) 8);
        assertThat(MuLaw.decode((byte) 0xEF)).isEqualTo((short) 132);
        assertThat(MuLaw.encode((short) 0)).isEqualTo(MuLaw.SILENCE);
        assertThat(MuLaw.encode((short) -1)).isEqualTo((byte) 0x7F);
        assertThat(MuLaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    }

    @Test
    void everyCodeExceptNegativeZeroSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            byte expected = code == 0x7F ? MuLaw.SILENCE : (byte) code;
            assertThat(MuLaw.encode(MuLaw.decode((byte) code))).as("code 0x%02X", code).isEqualTo(expected);
        }
    }

    @Test
    void decodingIsMonotonicWithinEachSign() {
        // Positive codes run 0xFF (zero) down to 0x80 (largest); negative ones 0x7F down to 0x00.
        for (int code = 0x80; code < 0xFF; code++) {
            assertThat(MuLaw.decode((byte) code)).isGreaterThan(MuLaw.decode((byte) (code + 1)));
        }
        for (int code = 0x00; code < 0x7F; code++) {
            assertThat(MuLaw.decode((byte) code)).isLessThan(MuLaw.decode((byte) (code + 1)));
        }
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        assertThatThrownBy(() -> MuLaw.decode(new byte[10], 5, new short[10], 0, 6))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MuLaw.encode(new short[10], 0, new byte[4], 0, 5))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void convenienceArraysRoundTrip() {
        short[] samples = {0, 1000, -1000, 20000, -20000};
        short[] back = MuLaw.decode(MuLaw.encode(samples));
        assertThat(back).hasSize(samples.length);
        for (int i = 0; i < samples.length; i++) {
            // μ-law's quantisation step near 20000 is 1024; the error is at most half of it.
            assertThat(Math.abs(back[i] - samples[i])).isLessThanOrEqualTo(512);
        }
    }
}
