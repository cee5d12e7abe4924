package dev.sparring.codecs.wav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.g711.ALaw;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRoundTripTest {

    private static short[] noise(int count, long seed) {
        Random random = new Random(seed);
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) random.nextInt(65_536);
        }
        return out;
    }

    @Test
    void pcm16MonoRoundTripsExactly(@TempDir Path dir) {
        PcmAudio audio = PcmAudio.mono(16_000, noise(16_000, 1));
        Path file = dir.resolve("mono.wav");
        WavWriter.write(audio, WavEncoding.PCM_16, file);
        WavFile read = WavReader.read(file);
        assertThat(read.encoding()).isEqualTo(WavEncoding.PCM_16);
        assertThat(read.audio()).isEqualTo(audio);
        assertThat(read.audio().duration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void pcm16HeaderIsTheCanonicalFortyFourBytes() {
        byte[] bytes = WavWriter.toBytes(PcmAudio.mono(8_000, new short[10]), WavEncoding.PCM_16);
        assertThat(bytes).hasSize(44 + 20);
    }

    @Test
    void pcm16StereoAtAnOddRateRoundTripsAndDownmixes() {
        short[] interleaved = {100, 300, -100, -300, 5, 7};
        PcmAudio audio = new PcmAudio(44_100, 2, interleaved);
        WavFile read = WavReader.read(WavWriter.toBytes(audio, WavEncoding.PCM_16));
        assertThat(read.audio()).isEqualTo(audio);
        assertThat(read.audio().toMono().samples()).containsExactly((short) 200, (short) -200, (short) 6);
    }

    @Test
    void muLawRoundTripsTheG711Values() {
        short[] samples = noise(8_001, 2); // odd length: the data chunk needs a pad byte
        PcmAudio audio = PcmAudio.mono(8_000, samples);
        byte[] bytes = WavWriter.toBytes(audio, WavEncoding.MU_LAW);
        assertThat(bytes.length % 2).isZero();
        WavFile read = WavReader.read(new ByteArrayInputStream(bytes));
        assertThat(read.encoding()).isEqualTo(WavEncoding.MU_LAW);
        assertThat(read.audio().samples()).isEqualTo(MuLaw.decode(MuLaw.encode(samples)));
    }

    @Test
    void aLawRoundTripsTheG711Values() {
        short[] samples = noise(800, 3);
        WavFile read = WavReader.read(WavWriter.toBytes(PcmAudio.mono(8_000, samples), WavEncoding.A_LAW));
        assertThat(read.encoding()).isEqualTo(WavEncoding.A_LAW);
        assertThat(read.audio().samples()).isEqualTo(ALaw.decode(ALaw.encode(samples)));
    }

    @Test
    void readsPcmWrittenByJavaSound() throws Exception {
        short[] samples = noise(4_000, 4);
        byte[] raw = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            raw[2 * i] = (byte) samples[i];
            raw[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat format = new AudioFormat(22_050, 16, 2, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(raw), format, samples.length / 2),
                AudioFileFormat.Type.WAVE, out);

        WavFile read = WavReader.read(out.toByteArray());
        assertThat(read.encoding()).isEqualTo(WavEncoding.PCM_16);
        assertThat(read.audio()).isEqualTo(new PcmAudio(22_050, 2, samples));
    }

    @Test
    void readsMuLawWrittenByJavaSound() throws Exception {
        byte[] codes = new byte[1_000];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.ULAW, 8_000, 8, 1, 1, 8_000, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(codes), format, codes.length),
                AudioFileFormat.Type.WAVE, out);

        WavFile read = WavReader.read(out.toByteArray());
        assertThat(read.encoding()).isEqualTo(WavEncoding.MU_LAW);
        assertThat(read.audio().sampleRate()).isEqualTo(8_000);
        assertThat(read.audio().samples()).isEqualTo(MuLaw.decode(codes));
    }

    @Test
    void javaSoundReadsWhatWeWrite() throws Exception {
        short[] samples = noise(1_600, 5);
        byte[] bytes = WavWriter.toBytes(PcmAudio.mono(16_000, samples), WavEncoding.PCM_16);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(16_000f);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.isBigEndian()).isFalse();
            assertThat(in.getFrameLength()).isEqualTo(1_600);
            assertThat(PcmBytes.toShorts(in.readAllBytes())).isEqualTo(samples);
        }
    }

    @Test
    void javaSoundReadsOurMuLaw() throws Exception {
        byte[] bytes = WavWriter.toBytes(PcmAudio.mono(8_000, noise(800, 6)), WavEncoding.MU_LAW);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            assertThat(in.getFormat().getEncoding()).isEqualTo(AudioFormat.Encoding.ULAW);
            assertThat(in.getFrameLength()).isEqualTo(800);
        }
    }
}
