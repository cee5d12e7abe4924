package dev.sparring.codecs.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyVadTest {

    private static final int FRAME = 320;

    private static List<VadResult> run(VoiceActivityDetector vad, short[] audio) {
        List<VadResult> results = new ArrayList<>();
        for (int offset = 0; offset + FRAME <= audio.length; offset += FRAME) {
            results.add(vad.process(audio, offset));
        }
        return results;
    }

    private static long speechFrames(List<VadResult> results, int from, int to) {
        return results.subList(from, to).stream().filter(VadResult::speech).count();
    }

    private static int seconds(double s) {
        return (int) Math.round(s * SyntheticAudio.RATE);
    }

    @Test
    void digitalSilenceIsNeverSpeech() {
        List<VadResult> results = run(new EnergyVad(), new short[seconds(5)]);
        assertThat(results).hasSize(250).allSatisfy(r -> {
            assertThat(r.speech()).isFalse();
            assertThat(r.probability()).isZero();
        });
    }

    @ParameterizedTest(name = "{0} dBFS")
    @ValueSource(doubles = {-70, -55, -45, -35, -25, -15})
    void steadyWhiteNoiseNeverTriggers(double level) {
        short[] audio = SyntheticAudio.toPcm(SyntheticAudio.noise(seconds(20), level, 7));
        List<VadResult> results = run(new EnergyVad(), audio);
        assertThat(speechFrames(results, 0, results.size())).isZero();
        assertThat(results.getLast().noiseFloorDbfs()).isBetween(Math.max(level, -75) - 2, Math.max(level, -75) + 1);
    }

    @Test
    void aStepUpInBackgroundNoiseIsLearntWithinSeconds() {
        double[] quiet = SyntheticAudio.noise(seconds(2), -60, 1);
        double[] loud = SyntheticAudio.noise(seconds(10), -35, 2);
        List<VadResult> results = run(new EnergyVad(), SyntheticAudio.toPcm(SyntheticAudio.concat(quiet, loud)));
        // A 25 dB step is learnt in about 3 s * ln(25 / 10) = 2.7 s, plus the 300 ms hangover.
        int settled = (2 + 4) * 50;
        assertThat(speechFrames(results, settled, results.size())).isZero();
    }

    @ParameterizedTest(name = "noise {0} dBFS, SNR {1} dB")
    @CsvSource({"-60, 20", "-50, 25", "-45, 15", "-40, 20", "-30, 30"})
    void speechLikeBurstsOverNoiseTriggerPromptlyAndRelease(double noiseDbfs, double snrDb) {
        int lead = seconds(2);
        int burst = seconds(1.2);
        int gap = seconds(1.0);
        int bursts = 5;
        double[] signal = SyntheticAudio.noise(lead + bursts * (burst + gap), noiseDbfs, 11);
        for (int b = 0; b < bursts; b++) {
            double[] speech = SyntheticAudio.speechLike(burst, noiseDbfs + snrDb, 100 + b);
            signal = SyntheticAudio.add(signal, speech, lead + b * (burst + gap));
        }
        List<VadResult> results = run(new EnergyVad(), SyntheticAudio.toPcm(signal));

        assertThat(speechFrames(results, 0, lead / FRAME)).as("lead-in noise").isZero();
        for (int b = 0; b < bursts; b++) {
            int start = (lead + b * (burst + gap)) / FRAME;
            int end = start + burst / FRAME;
            int onset = start;
            while (onset < end && !results.get(onset).speech()) {
                onset++;
            }
            assertThat(onset - start).as("onset delay of burst %d in frames", b).isLessThanOrEqualTo(4);
            assertThat(speechFrames(results, start, end)).as("speech frames in burst %d", b)
                    .isGreaterThanOrEqualTo((long) ((end - start) * 0.9));
            int quietFrom = end + EnergyVadConfig.DEFAULTS.hangoverFrames() + 2;
            int quietTo = end + gap / FRAME;
            assertThat(speechFrames(results, quietFrom, quietTo)).as("gap after burst %d", b).isZero();
        }
    }

    @Test
    void aClickShorterThanTheOnsetIsIgnored() {
        double[] noise = SyntheticAudio.noise(seconds(2), -55, 3);
        double[] click = SyntheticAudio.speechLike(2 * FRAME, -20, 4);
        short[] audio = SyntheticAudio.toPcm(SyntheticAudio.add(noise, click, 50 * FRAME));
        List<VadResult> results = run(new EnergyVad(), audio);
        assertThat(speechFrames(results, 0, results.size())).isZero();
        assertThat(results.get(50).probability()).isGreaterThan(0.99);
    }

    @Test
    void hangoverHoldsSpeechForExactlyTheConfiguredFrames() {
        EnergyVadConfig config = new EnergyVadConfig(10, -55, -75, Duration.ofSeconds(3), Duration.ofMillis(40), 2, 5, 2);
        double[] noise = SyntheticAudio.noise(seconds(3), -60, 5);
        double[] tone = new double[20 * FRAME];
        for (int n = 0; n < tone.length; n++) {
            tone[n] = 10_000 * Math.sin(2 * Math.PI * 440 * n / SyntheticAudio.RATE);
        }
        List<VadResult> results = run(new EnergyVad(config),
                SyntheticAudio.toPcm(SyntheticAudio.add(noise, tone, 50 * FRAME)));
        // Loud frames 50..69: speech from the second one (onset 2) through five hangover frames.
        assertThat(results.get(50).speech()).isFalse();
        assertThat(results.get(51).speech()).isTrue();
        assertThat(speechFrames(results, 51, 75)).isEqualTo(24);
        assertThat(results.get(75).speech()).isFalse();
    }

    @Test
    void speechStartingTheStreamIsDetectedOnceAPauseAnchorsTheFloor() {
        // The floor starts at the first frame's level; if that is speech, the first pause pulls it down.
        double[] first = SyntheticAudio.speechLike(seconds(1), -25, 21);
        double[] second = SyntheticAudio.speechLike(seconds(1), -25, 23);
        double[] signal = SyntheticAudio.add(SyntheticAudio.noise(seconds(3), -60, 24),
                SyntheticAudio.concat(first, new double[seconds(1)], second), 0);
        List<VadResult> results = run(new EnergyVad(), SyntheticAudio.toPcm(signal));
        assertThat(speechFrames(results, 100, 150)).isGreaterThanOrEqualTo(45);
        assertThat(speechFrames(results, 85, 100)).isZero();
    }

    @Test
    void resetStartsOver() {
        EnergyVad vad = new EnergyVad();
        run(vad, SyntheticAudio.toPcm(SyntheticAudio.noise(seconds(1), -30, 9)));
        assertThat(vad.noiseFloorDbfs()).isGreaterThan(-35);
        vad.reset();
        assertThat(vad.noiseFloorDbfs()).isEqualTo(EnergyVadConfig.DEFAULTS.minimumFloorDbfs());
        List<VadResult> results = run(vad, SyntheticAudio.toPcm(SyntheticAudio.noise(seconds(1), -60, 10)));
        assertThat(speechFrames(results, 0, results.size())).isZero();
    }

    @Test
    void reportsTheFrameLevel() {
        short[] frame = new short[FRAME];
        Arrays.fill(frame, (short) 3277);
        VadResult result = new EnergyVad().process(frame, 0);
        assertThat(result.energyDbfs()).isBetween(-20.01, -19.99);
        assertThat(new EnergyVad().frameSamples()).isEqualTo(320);
    }

    @Test
    void rejectsAFrameOutsideTheArray() {
        assertThatThrownBy(() -> new EnergyVad().process(new short[400], 100))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void configValidationNamesTheSetting() {
        assertThatThrownBy(() -> new EnergyVadConfig(0, -55, -75, Duration.ofSeconds(3), Duration.ofMillis(40), 3, 15, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marginDb");
        assertThatThrownBy(() -> new EnergyVadConfig(10, -55, -75, Duration.ZERO, Duration.ofMillis(40), 3, 15, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floorRiseTime");
        assertThatThrownBy(() -> new EnergyVadConfig(10, -55, -75, Duration.ofSeconds(3), Duration.ofMillis(40), 0, 15, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onsetFrames");
    }
}
