package dev.sparring.codecs.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.codecs.CodecException;
import dev.sparring.codecs.PcmAudio;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderMalformedTest {

    /** Builds a WAV file chunk by chunk, so each test can break exactly one thing. */
    private static final class Builder {
        private final ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        Builder riff(String id, String form) {
            buffer.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt(0).put(form.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        Builder fmt(int tag, int channels, int rate, int blockAlign, int bits) {
            buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
            buffer.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                    .putShort((short) blockAlign).putShort((short) bits);
            return this;
        }

        Builder chunk(String id, int declaredLength, byte[] body) {
            buffer.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(declaredLength).put(body);
            return this;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private static Builder pcm() {
        return new Builder().riff("RIFF", "WAVE").fmt(1, 1, 16_000, 2, 16);
    }

    @Test
    void emptyInput() {
        assertThatThrownBy(() -> WavReader.read(new byte[0]))
                .isInstanceOf(CodecException.class).hasMessageContaining("shorter than a RIFF header");
    }

    @Test
    void notRiff() {
        byte[] bytes = new Builder().riff("OggS", "WAVE").bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("'OggS' instead of 'RIFF'");
    }

    @Test
    void bigEndianRifxIsNamed() {
        byte[] bytes = new Builder().riff("RIFX", "WAVE").bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("RIFX is not supported");
    }

    @Test
    void notWave() {
        byte[] bytes = new Builder().riff("RIFF", "AVI ").bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("'AVI ' instead of 'WAVE'");
    }

    @Test
    void missingFmt() {
        byte[] bytes = new Builder().riff("RIFF", "WAVE").chunk("LIST", 4, new byte[4]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("no 'fmt ' chunk");
    }

    @Test
    void missingData() {
        assertThatThrownBy(() -> WavReader.read(pcm().bytes()))
                .isInstanceOf(CodecException.class).hasMessageContaining("no 'data' chunk");
    }

    @Test
    void dataBeforeFmt() {
        byte[] bytes = new Builder().riff("RIFF", "WAVE").chunk("data", 2, new byte[2]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("before the 'fmt ' chunk");
    }

    @Test
    void floatIsUnsupportedAndNamed() {
        byte[] bytes = new Builder().riff("RIFF", "WAVE").fmt(3, 1, 16_000, 4, 32)
                .chunk("data", 4, new byte[4]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("format tag 3 (IEEE float)");
    }

    @Test
    void twentyFourBitPcmIsUnsupportedAndNamed() {
        byte[] bytes = new Builder().riff("RIFF", "WAVE").fmt(1, 1, 48_000, 3, 24)
                .chunk("data", 3, new byte[3]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("24-bit PCM_16");
    }

    @Test
    void zeroChannels() {
        byte[] bytes = new Builder().riff("RIFF", "WAVE").fmt(1, 0, 16_000, 0, 16)
                .chunk("data", 2, new byte[2]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("0 channels");
    }

    @Test
    void wrongBlockAlign() {
        byte[] bytes = new Builder().riff("RIFF", "WAVE").fmt(1, 2, 16_000, 2, 16)
                .chunk("data", 4, new byte[4]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("block align 2").hasMessageContaining("need 4");
    }

    @Test
    void truncatedData() {
        byte[] bytes = pcm().chunk("data", 1000, new byte[10]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("declares 1000 bytes but only 10 remain");
    }

    @Test
    void partialSampleFrame() {
        byte[] bytes = pcm().chunk("data", 3, new byte[4]).bytes();
        assertThatThrownBy(() -> WavReader.read(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("not a whole number of 2-byte");
    }

    @Test
    void truncatedHeaderField() {
        byte[] whole = pcm().bytes();
        byte[] cut = Arrays.copyOf(whole, 12 + 8 + 6);
        assertThatThrownBy(() -> WavReader.read(cut))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("absent.wav");
        assertThatThrownBy(() -> WavReader.read(missing))
                .isInstanceOf(CodecException.class).hasMessageContaining("absent.wav");
    }

    @Test
    void streamingPlaceholderLengthReadsToTheEnd() {
        byte[] bytes = pcm().chunk("data", -1, new byte[] {1, 0, 2, 0, 3}).bytes();
        WavFile read = WavReader.read(bytes);
        assertThat(read.audio().samples()).containsExactly((short) 1, (short) 2);
    }

    @Test
    void skipsUnknownChunksIncludingOddSizedOnes() {
        byte[] bytes = pcm().chunk("LIST", 3, new byte[] {1, 2, 3, 0}).chunk("data", 2, new byte[] {7, 0}).bytes();
        assertThat(WavReader.read(bytes).audio()).isEqualTo(PcmAudio.mono(16_000, new short[] {7}));
    }

    @Test
    void readsWaveFormatExtensiblePcm() {
        ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 0xFFFE).putShort((short) 1).putInt(24_000).putInt(48_000).putShort((short) 2)
                .putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4)
                // KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00aa00389b71}
                .put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        byte[] bytes = new Builder().riff("RIFF", "WAVE").chunk("fmt ", 40, fmt.array())
                .chunk("data", 4, new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0x40}).bytes();
        WavFile read = WavReader.read(bytes);
        assertThat(read.encoding()).isEqualTo(WavEncoding.PCM_16);
        assertThat(read.audio()).isEqualTo(PcmAudio.mono(24_000, new short[] {-1, 0x4000}));
    }
}
