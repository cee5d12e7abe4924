package dev.sparring.codecs.wav;

import dev.sparring.codecs.CodecException;
import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.g711.ALaw;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes RIFF WAVE files. PCM16 files get the canonical 44-byte header; μ-law and A-law files
 * get the 18-byte {@code fmt } chunk and the {@code fact} chunk that non-PCM formats require.
 * Stateless and thread-safe.
 */
public final class WavWriter {

    private WavWriter() {
    }

    /**
     * @param audio the samples to store (interleaved if several channels)
     * @param encoding how to store them; μ-law and A-law are lossy
     * @return the complete file
     * @throws CodecException if the data would exceed the 4 GiB RIFF limit
     */
    public static byte[] toBytes(PcmAudio audio, WavEncoding encoding) {
        short[] samples = audio.samples();
        long dataLength = (long) samples.length * encoding.bytesPerSample();
        boolean pcm = encoding == WavEncoding.PCM_16;
        int fmtLength = pcm ? 16 : 18;
        int factLength = pcm ? 0 : 12;
        int pad = (int) (dataLength % 2);
        long total = 12 + 8 + fmtLength + factLength + 8 + dataLength + pad;
        if (total > 0xFFFF_FFFFL) {
            throw new CodecException("audio too long for a WAV file: " + dataLength + " bytes of samples");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (total - 8));
        out.put("WAVE".getBytes(StandardCharsets.US_ASCII));

        int blockAlign = audio.channels() * encoding.bytesPerSample();
        out.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtLength);
        out.putShort((short) encoding.formatTag());
        out.putShort((short) audio.channels());
        out.putInt(audio.sampleRate());
        out.putInt(audio.sampleRate() * blockAlign);
        out.putShort((short) blockAlign);
        out.putShort((short) encoding.bitsPerSample());
        if (!pcm) {
            out.putShort((short) 0); // cbSize: no extra format bytes
            out.put("fact".getBytes(StandardCharsets.US_ASCII)).putInt(4).putInt(audio.frames());
        }

        out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataLength);
        byte[] array = out.array();
        int offset = out.position();
        switch (encoding) {
            case PCM_16 -> PcmBytes.toBytes(samples, 0, array, offset, samples.length);
            case MU_LAW -> MuLaw.encode(samples, 0, array, offset, samples.length);
            case A_LAW -> ALaw.encode(samples, 0, array, offset, samples.length);
        }
        return array;
    }

    /**
     * Writes the file to the stream; does not close it.
     *
     * @throws CodecException if writing fails
     */
    public static void write(PcmAudio audio, WavEncoding encoding, OutputStream out) {
        try {
            out.write(toBytes(audio, encoding));
        } catch (IOException e) {
            throw new CodecException("cannot write WAV stream: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the file, replacing any existing one.
     *
     * @throws CodecException if writing fails
     */
    public static void write(PcmAudio audio, WavEncoding encoding, Path path) {
        try {
            Files.write(path, toBytes(audio, encoding));
        } catch (IOException e) {
            throw new CodecException("cannot write WAV file " + path + ": " + e.getMessage(), e);
        }
    }
}
