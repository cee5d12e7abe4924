package dev.sparring.media.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.Levels;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.loadtest.audio.SpeechSynthesizer;
import dev.sparring.media.pipeline.AudioEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboundAudioTest {
    private static final int FRAME_BYTES = 160;
    private static byte[] phoneSpeech;

    /** Real speech as a phone delivers it: FreeTTS at 16 kHz, resampled to 8 kHz, μ-law. */
    @BeforeAll
    static void speech() {
        short[] wide;
        try (SpeechSynthesizer tts = new SpeechSynthesizer()) {
            wide = tts.synthesize("Hi, I am calling about refinancing my mortgage. What rate could you offer me today?")
                    .samples();
        }
        Resampler down = Resampler.create(16_000, 8_000);
        short[] narrow = new short[down.outputLengthFor(wide.length)];
        int n = down.process(wide, 0, wide.length, narrow, 0);
        // Leading and trailing silence, as between a caller's turns.
        byte[] coded = new byte[n + 2 * 8_000];
        Arrays.fill(coded, MuLaw.SILENCE);
        MuLaw.encode(narrow, 0, coded, 8_000, n);
        phoneSpeech = Arrays.copyOf(coded, coded.length - coded.length % FRAME_BYTES);
    }

    @AfterAll
    static void release() {
        phoneSpeech = null;
    }

    @Test
    void levelSamplesHaveTheLengthOfResampledAudio() {
        InboundAudio audio = new InboundAudio(AudioEncoding.MULAW_8K);
        assertThat(audio.forLevels(new byte[FRAME_BYTES])).hasSize(320);
        assertThat(new InboundAudio(AudioEncoding.MULAW_8K).toPcm16k(new byte[FRAME_BYTES])).hasSize(320);
    }

    @Test
    void levelSamplesKeepTheLevelOfEachFrameOfRealSpeech() {
        InboundAudio resampled = new InboundAudio(AudioEncoding.MULAW_8K);
        InboundAudio held = new InboundAudio(AudioEncoding.MULAW_8K);
        List<Double> differences = new ArrayList<>();
        for (int off = 0; off < phoneSpeech.length; off += FRAME_BYTES) {
            byte[] frame = Arrays.copyOfRange(phoneSpeech, off, off + FRAME_BYTES);
            double proper = Levels.rmsDbfs(resampled.toPcm16k(frame), 0, 320);
            double fast = Levels.rmsDbfs(held.forLevels(frame), 0, 320);
            if (proper > -50) {
                differences.add(Math.abs(fast - proper));
            }
        }
        differences.sort(null);
        assertThat(differences).as("voiced frames in the fixture").hasSizeGreaterThan(100);
        // The resampler delays by 2.75 ms of a 20 ms frame, so frames at a rising or falling edge of
        // speech differ by a few dB; inside speech the levels agree.
        assertThat(differences.get(differences.size() / 2)).as("median |difference| dB").isLessThan(0.5);
        assertThat(differences.get(differences.size() * 9 / 10)).as("p90 |difference| dB").isLessThan(2.5);
    }

    @Test
    void theVadJudgesLevelSamplesAsItJudgesResampledSpeech() {
        FrameVad onResampled = new FrameVad();
        FrameVad onHeld = new FrameVad();
        InboundAudio resampled = new InboundAudio(AudioEncoding.MULAW_8K);
        InboundAudio held = new InboundAudio(AudioEncoding.MULAW_8K);
        int frames = 0;
        int voiced = 0;
        int disagreements = 0;
        for (int off = 0; off < phoneSpeech.length; off += FRAME_BYTES) {
            byte[] frame = Arrays.copyOfRange(phoneSpeech, off, off + FRAME_BYTES);
            boolean a = onResampled.voiced(resampled.toPcm16k(frame));
            boolean b = onHeld.voiced(held.forLevels(frame));
            frames++;
            voiced += a ? 1 : 0;
            disagreements += a == b ? 0 : 1;
        }
        assertThat(voiced).isGreaterThan(100);
        // Only frames straddling a speech edge may differ (the resampler's 2.75 ms delay): at most 2 %.
        assertThat(disagreements).as("of %d frames", frames).isLessThanOrEqualTo(frames / 50);
    }

    @Test
    void pcmTransportsGetTheirSamplesUnchanged() {
        InboundAudio audio = new InboundAudio(AudioEncoding.PCM16_16K);
        byte[] pcm = {1, 0, 2, 0};
        assertThat(audio.forLevels(pcm)).containsExactly((short) 1, (short) 2);
    }
}
