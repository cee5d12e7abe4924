package dev.sparring.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AudioFormatTest {

    @Test
    void canonicalFormatIsPcm16Mono16kHzIn20msFrames() {
        assertThat(AudioFormat.CANONICAL.sampleRate()).isEqualTo(16_000);
        assertThat(AudioFormat.CANONICAL.channels()).isEqualTo(1);
        assertThat(AudioFormat.CANONICAL.frameSamples()).isEqualTo(320);
        assertThat(AudioFormat.CANONICAL.frameBytes()).isEqualTo(640);
        assertThat(AudioFormat.CANONICAL.frameDuration()).isEqualTo(Duration.ofMillis(20));
        assertThat(AudioFormat.TELEPHONY.frameSamples()).isEqualTo(160);
        assertThat(AudioFormat.WEBRTC.frameSamples()).isEqualTo(960);
    }

    @Test
    void convertsBetweenSamplesAndDurations() {
        assertThat(AudioFormat.CANONICAL.samplesIn(Duration.ofMillis(700))).isEqualTo(11_200);
        assertThat(AudioFormat.TELEPHONY.durationOf(8_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new AudioFormat(48_000, 2, 10).frameSamples()).isEqualTo(960);
        assertThat(AudioFormat.CANONICAL.withSampleRate(8_000)).isEqualTo(AudioFormat.TELEPHONY);
    }

    @Test
    void rejectsFramesThatAreNotWholeSamples() {
        assertThatThrownBy(() -> new AudioFormat(11_025, 1, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> new AudioFormat(0, 1, 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
