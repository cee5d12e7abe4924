package dev.sparring.codecs.wav;

import dev.sparring.codecs.CodecException;
import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.g711.ALaw;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses RIFF WAVE files holding PCM16, μ-law or A-law samples, at any rate and channel count.
 * Unknown chunks ({@code LIST}, {@code fact}, {@code cue }, …) are skipped; a data chunk whose
 * length is a streaming placeholder (0 or 0xFFFFFFFF, as written by tools that cannot seek) runs
 * to the end of the file. Everything else that does not add up is a {@link CodecException} naming
 * the problem. Stateless and thread-safe.
 */
public final class WavReader {

    private static final int EXTENSIBLE = 0xFFFE;
    private static final long PLACEHOLDER_LENGTH = 0xFFFF_FFFFL;

    private WavReader() {
    }

    /**
     * @throws CodecException if the file cannot be read or is not a supported WAV file
     */
    public static WavFile read(Path path) {
        try {
            return read(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new CodecException("cannot read WAV file " + path + ": " + e.getMessage(), e);
        } catch (CodecException e) {
            throw new CodecException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the stream to its end and parses it; does not close it.
     *
     * @throws CodecException if the stream fails or does not hold a supported WAV file
     */
    public static WavFile read(InputStream in) {
        try {
            return read(in.readAllBytes());
        } catch (IOException e) {
            throw new CodecException("cannot read WAV stream: " + e.getMessage(), e);
        }
    }

    /**
     * @throws CodecException if the bytes are not a supported WAV file
     */
    public static WavFile read(byte[] bytes) {
        Cursor cursor = new Cursor(bytes);
        if (bytes.length < 12) {
            throw new CodecException("not a WAV file: " + bytes.length + " bytes is shorter than a RIFF header");
        }
        String riff = cursor.fourCc();
        if (!riff.equals("RIFF")) {
            throw new CodecException("not a WAV file: starts with '" + printable(riff) + "' instead of 'RIFF'"
                    + (riff.equals("RIFX") || riff.equals("RF64") ? " (" + riff + " is not supported)" : ""));
        }
        cursor.u32();
        String wave = cursor.fourCc();
        if (!wave.equals("WAVE")) {
            throw new CodecException("not a WAV file: RIFF form type is '" + printable(wave) + "' instead of 'WAVE'");
        }
        Format format = null;
        while (cursor.remaining() >= 8) {
            String id = cursor.fourCc();
            long length = cursor.u32();
            if (id.equals("fmt ")) {
                format = parseFormat(cursor, length);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new CodecException("malformed WAV file: 'data' chunk comes before the 'fmt ' chunk");
                }
                return new WavFile(format.encoding, decode(format, cursor, length));
            } else {
                cursor.skipChunk(id, length);
            }
        }
        throw new CodecException(format == null
                ? "malformed WAV file: no 'fmt ' chunk"
                : "malformed WAV file: no 'data' chunk");
    }

    private static Format parseFormat(Cursor cursor, long length) {
        if (length < 16) {
            throw new CodecException("malformed WAV file: 'fmt ' chunk is " + length + " bytes, at least 16 needed");
        }
        if (length > cursor.remaining()) {
            throw new CodecException("truncated WAV file: 'fmt ' chunk declares " + length + " bytes but only "
                    + cursor.remaining() + " remain");
        }
        int start = cursor.position();
        int tag = cursor.u16();
        int channels = cursor.u16();
        long sampleRate = cursor.u32();
        cursor.u32(); // byte rate: derived, and wrong in enough files in the wild not to trust it
        int blockAlign = cursor.u16();
        int bits = cursor.u16();
        if (tag == EXTENSIBLE) {
            if (length < 40) {
                throw new CodecException("malformed WAV file: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is "
                        + length + " bytes, 40 needed");
            }
            cursor.u16(); // cbSize
            cursor.u16(); // valid bits per sample
            cursor.u32(); // channel mask
            tag = cursor.u16(); // the sub-format GUID begins with the actual format tag
        }
        cursor.seek(start);
        cursor.skipChunk("fmt ", length);

        int formatTag = tag;
        WavEncoding encoding = WavEncoding.ofFormatTag(formatTag).orElseThrow(() -> new CodecException(
                "unsupported WAV encoding: format tag " + formatTag + describeTag(formatTag)
                        + "; supported are 1 (PCM), 6 (A-law) and 7 (μ-law)"));
        if (bits != encoding.bitsPerSample()) {
            throw new CodecException("unsupported WAV encoding: " + bits + "-bit " + encoding
                    + "; only " + encoding.bitsPerSample() + "-bit is supported");
        }
        if (channels == 0) {
            throw new CodecException("malformed WAV file: 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new CodecException("malformed WAV file: sample rate " + sampleRate);
        }
        int expectedAlign = channels * encoding.bytesPerSample();
        if (blockAlign != expectedAlign) {
            throw new CodecException("malformed WAV file: block align " + blockAlign + " but " + channels
                    + " channels of " + bits + "-bit samples need " + expectedAlign);
        }
        return new Format(encoding, channels, (int) sampleRate, blockAlign);
    }

    private static PcmAudio decode(Format format, Cursor cursor, long declared) {
        long length = declared;
        if (declared > cursor.remaining()) {
            if (declared != PLACEHOLDER_LENGTH) {
                throw new CodecException("truncated WAV file: 'data' chunk declares " + declared
                        + " bytes but only " + cursor.remaining() + " remain");
            }
            length = cursor.remaining() - cursor.remaining() % format.blockAlign;
        } else if (declared == 0 && cursor.remaining() > 0) {
            length = cursor.remaining() - cursor.remaining() % format.blockAlign;
        }
        if (length % format.blockAlign != 0) {
            throw new CodecException("malformed WAV file: 'data' chunk of " + length
                    + " bytes is not a whole number of " + format.blockAlign + "-byte sample frames");
        }
        int samples = (int) (length / format.encoding.bytesPerSample());
        short[] out = new short[samples];
        int offset = cursor.position();
        switch (format.encoding) {
            case PCM_16 -> PcmBytes.toShorts(cursor.bytes, offset, out, 0, samples);
            case MU_LAW -> MuLaw.decode(cursor.bytes, offset, out, 0, samples);
            case A_LAW -> ALaw.decode(cursor.bytes, offset, out, 0, samples);
        }
        return new PcmAudio(format.sampleRate, format.channels, out);
    }

    private static String describeTag(int tag) {
        return switch (tag) {
            case 2 -> " (Microsoft ADPCM)";
            case 3 -> " (IEEE float)";
            case 0x11 -> " (IMA ADPCM)";
            case 0x31 -> " (GSM 6.10)";
            case 0x55 -> " (MPEG Layer 3)";
            default -> "";
        };
    }

    private static String printable(String fourCc) {
        StringBuilder out = new StringBuilder();
        for (char c : fourCc.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    private record Format(WavEncoding encoding, int channels, int sampleRate, int blockAlign) {
    }

    /** A little-endian read position over the whole file; confined to one parse. */
    private static final class Cursor {
        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        int position() {
            return position;
        }

        int remaining() {
            return bytes.length - position;
        }

        void seek(int newPosition) {
            position = newPosition;
        }

        String fourCc() {
            need(4, "chunk id");
            String id = new String(bytes, position, 4, StandardCharsets.ISO_8859_1);
            position += 4;
            return id;
        }

        int u16() {
            need(2, "16-bit field");
            int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8;
            position += 2;
            return value;
        }

        long u32() {
            need(4, "32-bit field");
            long value = (bytes[position] & 0xFFL) | (bytes[position + 1] & 0xFFL) << 8
                    | (bytes[position + 2] & 0xFFL) << 16 | (bytes[position + 3] & 0xFFL) << 24;
            position += 4;
            return value;
        }

        /** Skips a chunk body and its pad byte (chunks are word-aligned); a missing final pad is tolerated. */
        void skipChunk(String id, long length) {
            if (length > remaining()) {
                throw new CodecException("truncated WAV file: '" + printable(id) + "' chunk declares " + length
                        + " bytes but only " + remaining() + " remain");
            }
            position += (int) length;
            if (length % 2 == 1 && remaining() > 0) {
                position++;
            }
        }

        private void need(int count, String what) {
            if (remaining() < count) {
                throw new CodecException("truncated WAV file: " + what + " at byte " + position + " is cut off");
            }
        }
    }
}
