package dev.sparring.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PcmAudioTest {

    @Test
    void equalityComparesContents() {
        assertThat(PcmAudio.mono(8_000, new short[] {1, 2})).isEqualTo(PcmAudio.mono(8_000, new short[] {1, 2}))
                .hasSameHashCodeAs(PcmAudio.mono(8_000, new short[] {1, 2}))
                .isNotEqualTo(PcmAudio.mono(16_000, new short[] {1, 2}));
    }

    @Test
    void framesDurationAndDownmix() {
        PcmAudio stereo = new PcmAudio(16_000, 2, new short[32_000]);
        assertThat(stereo.frames()).isEqualTo(16_000);
        assertThat(stereo.duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(stereo.toMono().channels()).isEqualTo(1);
        assertThat(stereo.toMono().frames()).isEqualTo(16_000);
        assertThat(stereo.toString()).contains("16000 Hz", "2 ch");
    }

    @Test
    void rejectsPartialFrames() {
        assertThatThrownBy(() -> new PcmAudio(8_000, 2, new short[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole frames");
    }
}
