package dev.sparring.media.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameVadTest {
    static short[] tone(int samples, int amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (amplitude * Math.sin(2 * Math.PI * 300 * i / 16_000.0));
        }
        return pcm;
    }

    @Test
    void oneLoudFrameIsVoicedAndOneQuietFrameIsNotNoSmoothing() {
        FrameVad vad = new FrameVad();
        assertThat(vad.voiced(new short[320])).isFalse();
        assertThat(vad.voiced(tone(320, 8_000))).as("no onset delay").isTrue();
        assertThat(vad.voiced(new short[320])).as("no hangover").isFalse();
    }

    @Test
    void partialFramesCarryOverAndAShortChunkKeepsTheLastVerdict() {
        FrameVad vad = new FrameVad();
        vad.voiced(new short[320]);
        short[] loud = tone(480, 8_000);
        // 160 samples complete no frame: still the previous (quiet) verdict.
        assertThat(vad.voiced(Arrays.copyOfRange(loud, 0, 160))).isFalse();
        // The next 320 complete the first frame (160 + 160) and leave 160 pending.
        assertThat(vad.voiced(Arrays.copyOfRange(loud, 160, 480))).isTrue();
    }

    @Test
    void quietSoundBelowTheAbsoluteThresholdIsNeverVoiced() {
        FrameVad vad = new FrameVad();
        vad.voiced(new short[320]);
        // Amplitude 30 ≈ -63 dBFS RMS: above the floor's margin but below the -55 dBFS threshold.
        assertThat(vad.voiced(tone(320, 30))).isFalse();
    }
}
