package dev.sparring.loadtest.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.wav.WavEncoding;
import dev.sparring.codecs.wav.WavWriter;
import dev.sparring.loadtest.LoadTestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepAudioLibraryTest {

    private static final RepAudioLibrary LIBRARY = new RepAudioLibrary();

    @AfterAll
    static void close() {
        LIBRARY.close();
    }

    @Test
    void synthesisesALineOnceAndCachesItByText() {
        EncodedAudio audio = LIBRARY.spoken("Hi Jordan, my name is Sam from Harbor Lending.");

        assertThat(audio.duration()).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(5_000));
        assertThat(audio.frames()).isEqualTo((int) ((audio.duration().toMillis() + 19) / 20));
        // FreeTTS pads a little silence; speech starts early and ends near the end.
        assertThat(audio.firstVoicedFrame()).isLessThan(20);
        assertThat(audio.lastVoicedFrame()).isGreaterThan(audio.frames() - 15);
        assertThat(LIBRARY.spoken("Hi Jordan, my name is Sam from Harbor Lending.")).isSameAs(audio);
    }

    @Test
    void convertsA16KhzPcmWavAndKeepsAMuLaw8KhzWavBitExact(@TempDir Path dir) {
        SpeechSynthesizer synthesizer = new SpeechSynthesizer();
        PcmAudio speech = synthesizer.synthesize("What rate were you quoted?");
        synthesizer.close();
        assertThat(speech.sampleRate()).isEqualTo(16_000);

        Path pcmWav = dir.resolve("line.wav");
        WavWriter.write(speech, WavEncoding.PCM_16, pcmWav);
        EncodedAudio fromPcm = LIBRARY.wav(pcmWav);
        // Same length, plus the resampler's 2.75 ms group delay flushed at the end.
        assertThat(fromPcm.duration()).isBetween(speech.duration(), speech.duration().plusMillis(4));

        byte[] mulaw = fromPcm.mulaw();
        Path mulawWav = dir.resolve("line-ulaw.wav");
        WavWriter.write(PcmAudio.mono(8_000, MuLaw.decode(mulaw)), WavEncoding.MU_LAW, mulawWav);
        // Re-encoding is lossless for every sample value (only μ-law's two zero codes may swap).
        assertThat(MuLaw.decode(LIBRARY.wav(mulawWav).mulaw())).isEqualTo(MuLaw.decode(mulaw));
    }

    @Test
    void aMissingWavNamesTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "not a wav");
        assertThatThrownBy(() -> LIBRARY.wav(bad)).isInstanceOf(LoadTestException.class).hasMessageContaining("bad.wav");
    }
}
