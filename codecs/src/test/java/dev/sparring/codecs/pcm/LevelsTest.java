package dev.sparring.codecs.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LevelsTest {

    private static short[] sine(double amplitude, int samples) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * n / 16_000.0));
        }
        return out;
    }

    @Test
    void fullScaleIsZeroDbfsAndFullScaleSineIsMinusThree() {
        // Magnitude 32768 throughout is the reference: 0 dBFS exactly.
        short[] fullScale = new short[320];
        Arrays.fill(fullScale, Short.MIN_VALUE);
        assertThat(Levels.rmsDbfs(fullScale, 0, 320)).isCloseTo(0.0, within(1e-9));
        assertThat(Levels.rmsDbfs(sine(32767, 320), 0, 320)).isCloseTo(-3.0103, within(0.001));
        assertThat(Levels.peakDbfs(sine(32767, 320), 0, 320)).isCloseTo(0.0, within(0.001));
    }

    @Test
    void halvingTheAmplitudeLowersTheLevelBySixDecibels() {
        double loud = Levels.rmsDbfs(sine(16_000, 320), 0, 320);
        double quiet = Levels.rmsDbfs(sine(8_000, 320), 0, 320);
        assertThat(loud - quiet).isCloseTo(6.0206, within(0.01));
        assertThat(Levels.peakDbfs(sine(16_000, 320), 0, 320) - Levels.peakDbfs(sine(8_000, 320), 0, 320))
                .isCloseTo(6.0206, within(0.01));
    }

    @Test
    void silenceHasAFiniteFloorAndEmptyRangesAreSilent() {
        short[] zeros = new short[320];
        assertThat(Levels.rmsDbfs(zeros, 0, 320)).isEqualTo(Levels.SILENCE_DBFS);
        assertThat(Levels.peakDbfs(zeros, 0, 320)).isEqualTo(Levels.SILENCE_DBFS);
        assertThat(Levels.rmsDbfs(zeros, 0, 0)).isEqualTo(Levels.SILENCE_DBFS);
        assertThat(Levels.isSilent(zeros, 0, 320, -60)).isTrue();
    }

    @Test
    void oneLsbIsAboutMinusNinetyDbfs() {
        short[] lsb = new short[320];
        Arrays.fill(lsb, (short) 1);
        assertThat(Levels.rmsDbfs(lsb, 0, 320)).isCloseTo(-90.309, within(0.001));
    }

    @Test
    void measuresOnlyTheGivenRange() {
        short[] samples = new short[640];
        System.arraycopy(sine(10_000, 320), 0, samples, 320, 320);
        assertThat(Levels.isSilent(samples, 0, 320, -60)).isTrue();
        assertThat(Levels.isSilent(samples, 320, 320, -60)).isFalse();
        assertThat(Levels.peak(samples, 320, 320)).isEqualTo(10_000);
    }

    @Test
    void dbfsConversionsAreInverse() {
        assertThat(Levels.toDbfs(Levels.fromDbfs(-37.5))).isCloseTo(-37.5, within(1e-9));
        assertThat(Levels.fromDbfs(0)).isEqualTo(32768.0);
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        assertThatThrownBy(() -> Levels.rms(new short[10], 8, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
