package dev.sparring.codecs.resample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the block-transposed, vectorisable kernel of {@link Resampler} against the textbook
 * polyphase formula — one dot product per output over the same Q14 coefficients — sample for
 * sample, including saturation at full scale.
 */
class DirectFormEquivalenceTest {

    private static short[] directForm(FilterDesign design, short[] input) {
        int up = design.up;
        int down = design.down;
        int taps = design.tapsPerPhase;
        int count = (int) (((long) input.length * up + down - 1) / down);
        short[] out = new short[count];
        for (int n = 0; n < count; n++) {
            long pos = (long) n * down;
            int newest = (int) (pos / up);
            int branch = (int) (pos % up) * taps;
            int acc = 0;
            for (int k = 0; k < taps; k++) {
                int index = newest - (taps - 1) + k;
                if (index >= 0) {
                    acc += design.coefficients[branch + k] * input[index];
                }
            }
            int sample = (acc + (1 << 13)) >> 14;
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"8000,16000", "16000,8000", "48000,16000", "16000,48000", "8000,48000", "48000,8000",
        "16000,24000", "24000,16000", "24000,48000", "48000,24000", "8000,24000", "24000,8000", "44100,16000"})
    void matchesTheDirectFormSampleForSample(int in, int out) {
        Random random = new Random(in ^ out);
        short[] input = new short[in / 2 + 17];
        for (int n = 0; n < input.length; n++) {
            // Mostly speech-level noise, with stretches of full-scale square wave to hit saturation.
            input[n] = (n / 500) % 3 == 2
                    ? ((n / 7) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE)
                    : (short) (random.nextGaussian() * 4000);
        }
        Resampler resampler = Resampler.create(in, out);
        short[] streamed = new short[resampler.outputLengthFor(input.length)];
        int written = 0;
        // Uneven chunks, to cross block and frame boundaries at every phase.
        for (int offset = 0, chunk = 1; offset < input.length; offset += chunk, chunk = chunk * 7 % 1500 + 1) {
            int length = Math.min(chunk, input.length - offset);
            written += resampler.process(input, offset, length, streamed, written);
        }
        assertThat(written).isEqualTo(streamed.length);
        assertThat(streamed).isEqualTo(directForm(FilterDesign.forRates(in, out), input));
    }
}
