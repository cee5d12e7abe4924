package dev.sparring.codecs.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MixerTest {

    @Test
    void mixAddsAndSaturatesAtBothRails() {
        short[] a = {1000, 30_000, -30_000, -1, Short.MAX_VALUE};
        short[] b = {-500, 10_000, -10_000, 1, Short.MAX_VALUE};
        short[] out = new short[5];
        Mixer.mix(a, 0, b, 0, out, 0, 5);
        assertThat(out).containsExactly((short) 500, Short.MAX_VALUE, Short.MIN_VALUE, (short) 0, Short.MAX_VALUE);
    }

    @Test
    void mixIntoAccumulatesInPlaceOverOffsets() {
        short[] accumulator = {1, 2, 3, 4};
        short[] source = {0, 0, 10, 20};
        Mixer.mixInto(accumulator, 1, source, 2, 2);
        assertThat(accumulator).containsExactly((short) 1, (short) 12, (short) 23, (short) 4);
    }

    @Test
    void gainInDecibelsScalesAndRounds() {
        short[] samples = {1000, -1000, 3};
        Mixer.applyGain(samples, 0, 3, -6.0206);
        assertThat(samples).containsExactly((short) 500, (short) -500, (short) 2);
    }

    @Test
    void gainSaturatesInsteadOfWrapping() {
        short[] samples = {20_000, -20_000, 100};
        Mixer.applyGain(samples, 0, 3, 6.0206);
        assertThat(samples).containsExactly(Short.MAX_VALUE, Short.MIN_VALUE, (short) 200);
    }

    @Test
    void unitGainLeavesEverySampleValueUnchanged() {
        short[] all = new short[65_536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (Short.MIN_VALUE + i);
        }
        short[] copy = all.clone();
        Mixer.applyLinearGain(copy, 0, copy.length, 1.0);
        assertThat(copy).isEqualTo(all);
    }

    @Test
    void rejectsNegativeOrInvalidFactors() {
        assertThatThrownBy(() -> Mixer.applyLinearGain(new short[1], 0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mixer.applyLinearGain(new short[1], 0, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
