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

    @Test
    void aRecordingNamedAfterTheLineIsUsedInsteadOfSynthesis(@TempDir Path dir) {
        SpeechSynthesizer synthesizer = new SpeechSynthesizer();
        PcmAudio speech = synthesizer.synthesize("What rate were you quoted?");
        synthesizer.close();
        // A-law, 44.1 kHz stereo: converted to mu-law 8 kHz mono once.
        short[] stereo44 = dev.sparring.codecs.resample.Resampler.create(16_000, 44_100).process(speech.samples());
        short[] interleaved = new short[stereo44.length * 2];
        for (int i = 0; i < stereo44.length; i++) {
            interleaved[2 * i] = stereo44[i];
            interleaved[2 * i + 1] = stereo44[i];
        }
        String name = RepAudioLibrary.fileNameFor("What rate were you quoted?");
        assertThat(name).isEqualTo("what-rate-were-you-quoted.wav");
        WavWriter.write(new PcmAudio(44_100, 2, interleaved), WavEncoding.A_LAW, dir.resolve(name));

        try (RepAudioLibrary recorded = new RepAudioLibrary(java.util.Optional.of(dir))) {
            dev.sparring.loadtest.script.ScriptStep.Say say = new dev.sparring.loadtest.script.ScriptStep.Say(
                    "What rate were you quoted?", dev.sparring.loadtest.script.Timing.afterBot(), java.util.Optional.empty(), false);
            dev.sparring.loadtest.script.ScriptStep.Say other = new dev.sparring.loadtest.script.ScriptStep.Say(
                    "Something never recorded", dev.sparring.loadtest.script.Timing.afterBot(), java.util.Optional.empty(), false);

            assertThat(recorded.recordingFor(say)).hasValue(dir.resolve(name));
            assertThat(recorded.recordingFor(other)).isEmpty();
            EncodedAudio audio = recorded.audioFor(say);
            assertThat(audio).isSameAs(recorded.wav(dir.resolve(name)));
            assertThat(audio.duration()).isBetween(speech.duration().minusMillis(5), speech.duration().plusMillis(10));
        }
        assertThat(RepAudioLibrary.fileNameFor("  Hi Jordan, my name is Sam!  ")).isEqualTo("hi-jordan-my-name-is-sam.wav");
        assertThat(RepAudioLibrary.fileNameFor("x ".repeat(100))).hasSize(79 + 4);
    }
}
