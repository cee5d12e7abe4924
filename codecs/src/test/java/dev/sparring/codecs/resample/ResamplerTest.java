package dev.sparring.codecs.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {

    private static final int[] RATES = {8_000, 16_000, 24_000, 48_000};

    static Stream<Arguments> ratePairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int in : RATES) {
            for (int out : RATES) {
                if (in != out) {
                    pairs.add(Arguments.of(in, out));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void passbandIsFlatWithinATenthOfADecibel(int in, int out) {
        double nyquist = Math.min(in, out) / 2.0;
        for (double frequency : new double[] {100, 440, 1000, 2000, 3000, 5000, 6500}) {
            if (frequency > 0.85 * nyquist) {
                continue;
            }
            short[] input = Signals.sine(frequency, in, in, 10_000);
            short[] output = Resampler.create(in, out).process(input);
            // Skip the first 100 ms (filter settling) and measure over the rest.
            double gain = Signals.amplitudeAt(output, out / 10, output.length, frequency, out) / 10_000;
            assertThat(Signals.db(gain)).as("%s Hz", frequency).isCloseTo(0.0, within(0.1));
        }
    }

    @Test
    void sixKilohertzIntoSixteenToEightIsRejectedByAtLeastSixtyDecibels() {
        short[] input = Signals.sine(6_000, 16_000, 16_000, 20_000);
        short[] output = Resampler.create(16_000, 8_000).process(input);
        double residual = Signals.rms(output, 800, output.length);
        double level = Signals.rms(input, 0, input.length);
        assertThat(Signals.db(residual / level)).isLessThan(-60);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void toneJustAboveTheLowerNyquistIsRejected(int in, int out) {
        double nyquist = Math.min(in, out) / 2.0;
        double frequency = 1.2 * nyquist;
        int rate = Math.max(in, out);
        if (in < out) {
            // Up-sampling: check the image of a 0.8 x Nyquist tone, which sits at 1.2 x Nyquist.
            short[] input = Signals.sine(0.8 * nyquist, in, in, 20_000);
            short[] output = Resampler.create(in, out).process(input);
            double image = Signals.amplitudeAt(output, out / 10, output.length, frequency, rate);
            assertThat(Signals.db(image / 20_000)).isLessThan(-60);
        } else {
            short[] input = Signals.sine(frequency, in, in, 20_000);
            short[] output = Resampler.create(in, out).process(input);
            assertThat(Signals.db(Signals.rms(output, out / 10, output.length) / (20_000 / Math.sqrt(2))))
                    .isLessThan(-60);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void framesOfTwentyMillisecondsGiveExactlyTheOneBlockOutput(int in, int out) {
        short[] sweep = Signals.sweep(50, 0.8 * Math.min(in, out) / 2, in, in * 2, 25_000);
        short[] whole = Resampler.create(in, out).process(sweep);

        Resampler streaming = Resampler.create(in, out);
        int frameIn = in / 50;
        int frameOut = out / 50;
        short[] framed = new short[whole.length];
        short[] frame = new short[frameOut];
        for (int i = 0; i < sweep.length / frameIn; i++) {
            int written = streaming.process(sweep, i * frameIn, frameIn, frame, 0);
            assertThat(written).isEqualTo(frameOut);
            System.arraycopy(frame, 0, framed, i * frameOut, written);
        }
        assertThat(framed).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void sweepOutputHasNoDiscontinuityAtFrameBoundaries(int in, int out) {
        double top = 0.8 * Math.min(in, out) / 2;
        double amplitude = 20_000;
        short[] sweep = Signals.sweep(50, top, in, in, amplitude);
        Resampler streaming = Resampler.create(in, out);
        int frameIn = in / 50;
        short[] output = new short[out];
        int written = 0;
        for (int offset = 0; offset < sweep.length; offset += frameIn) {
            written += streaming.process(sweep, offset, frameIn, output, written);
        }
        // A sine of amplitude A and frequency f moves by at most 2A sin(pi f / fs) per sample.
        double bound = 2 * amplitude * Math.sin(Math.PI * top / out) * 1.01 + 2;
        int settle = (int) Math.ceil(streaming.delayOutputSamples()) + 50;
        for (int n = settle; n < written; n++) {
            assertThat((double) Math.abs(output[n] - output[n - 1])).as("sample %d", n).isLessThanOrEqualTo(bound);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void outputLengthTracksTheRatioWhateverTheChunking(int in, int out) {
        Resampler resampler = Resampler.create(in, out);
        Random random = new Random(in * 31L + out);
        short[] input = new short[1000];
        short[] output = new short[1000 * 6 + 1];
        long totalIn = 0;
        long totalOut = 0;
        for (int i = 0; i < 500; i++) {
            int length = random.nextInt(1000);
            int expected = resampler.outputLengthFor(length);
            int written = resampler.process(input, 0, length, output, 0);
            assertThat(written).isEqualTo(expected);
            totalIn += length;
            totalOut += written;
            long exact = (totalIn * out + in - 1) / in;
            assertThat(totalOut).isEqualTo(exact);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void anImpulseComesOutDelayedByTheDocumentedLatency(int in, int out) {
        Resampler resampler = Resampler.create(in, out);
        double delay = resampler.delayOutputSamples();
        assertThat(delay).isEqualTo(Math.rint(delay));
        assertThat(resampler.latency().toNanos())
                .isCloseTo(Math.round(delay * 1e9 / out), within(1L));

        // An impulse at an input instant that falls exactly on an output sample.
        int impulseAt = in / 100;
        short[] input = new short[in / 10];
        input[impulseAt] = 30_000;
        short[] output = resampler.process(input);
        int peak = 0;
        for (int n = 1; n < output.length; n++) {
            if (output[n] > output[peak]) {
                peak = n;
            }
        }
        assertThat(peak).isEqualTo(out / 100 + (int) delay);
    }

    @Test
    void latenciesForTheTelephonyAndWebRtcPairs() {
        assertThat(Resampler.create(8_000, 16_000).latency()).isEqualTo(Duration.ofNanos(2_750_000));
        assertThat(Resampler.create(16_000, 8_000).latency()).isEqualTo(Duration.ofNanos(2_750_000));
        assertThat(Resampler.create(48_000, 16_000).latency()).isEqualTo(Duration.ofNanos(1_375_000));
        assertThat(Resampler.create(16_000, 8_000).delayOutputSamples()).isEqualTo(22.0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratePairs")
    void constantInputComesOutUnchanged(int in, int out) {
        short[] input = new short[in / 10];
        Arrays.fill(input, (short) -12_345);
        short[] output = Resampler.create(in, out).process(input);
        for (int n = output.length / 2; n < output.length; n++) {
            assertThat(output[n]).isEqualTo((short) -12_345);
        }
    }

    @Test
    void fullScaleSquareWaveSaturatesInsteadOfWrapping() {
        short[] input = new short[1600];
        for (int n = 0; n < input.length; n++) {
            input[n] = (n / 40) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] output = Resampler.create(8_000, 48_000).process(input);
        // Gibbs overshoot would wrap around without clamping; with it, the signal stays signed right.
        for (int n = 300; n < output.length - 300; n++) {
            int phase = ((n - 132) / 240) % 2;
            int centre = (n - 132) % 240;
            if (centre > 40 && centre < 200) {
                assertThat(phase == 0 ? output[n] > 30_000 : output[n] < -30_000).as("sample %d", n).isTrue();
            }
        }
    }

    @Test
    void flushPushesOutTheDelayedTail() {
        Resampler resampler = Resampler.create(16_000, 8_000);
        short[] input = new short[320];
        Arrays.fill(input, (short) 1000);
        short[] output = new short[resampler.outputLengthFor(320)];
        resampler.process(input, 0, 320, output, 0);
        int tail = resampler.flushLength();
        assertThat(tail).isEqualTo(22);
        short[] rest = new short[tail];
        assertThat(resampler.flush(rest, 0)).isEqualTo(tail);
        // The tail holds the end of the input: the level, then the start of the step back to silence.
        assertThat((int) rest[0]).isCloseTo(1000, within(5));
        assertThat((int) rest[tail - 1]).isBetween(400, 1100);
    }

    @Test
    void resetForgetsHistory() {
        Resampler resampler = Resampler.create(8_000, 16_000);
        short[] loud = Signals.sine(1000, 8000, 160, 20_000);
        resampler.process(loud);
        resampler.reset();
        short[] silence = resampler.process(new short[160]);
        assertThat(silence).containsOnly((short) 0);
    }

    @Test
    void equalRatesPassThrough() {
        Resampler identity = Resampler.create(16_000, 16_000);
        short[] input = Signals.sweep(100, 7000, 16_000, 640, 30_000);
        assertThat(identity.process(input)).isEqualTo(input);
        assertThat(identity.latency()).isEqualTo(Duration.ZERO);
    }

    @Test
    void otherRatiosWork() {
        Resampler resampler = Resampler.create(44_100, 16_000);
        short[] input = Signals.sine(1000, 44_100, 44_100, 10_000);
        short[] output = resampler.process(input);
        assertThat(output).hasSize(16_000);
        double gain = Signals.amplitudeAt(output, 1600, output.length, 1000, 16_000) / 10_000;
        assertThat(Signals.db(gain)).isCloseTo(0.0, within(0.1));
    }

    @Test
    void rejectsBadRatesAndRanges() {
        assertThatThrownBy(() -> Resampler.create(0, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resampler.create(8000, 7919)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7919");
        Resampler resampler = Resampler.create(8_000, 16_000);
        assertThatThrownBy(() -> resampler.process(new short[160], 0, 160, new short[319], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
