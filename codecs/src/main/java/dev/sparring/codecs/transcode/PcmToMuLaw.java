package dev.sparring.codecs.transcode;

import dev.sparring.codecs.AudioFormat;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.resample.Resampler;
import java.time.Duration;
import java.util.Objects;

/**
 * Encodes a stream of PCM16 at some rate (the canonical 16 kHz, or a TTS voice's native rate)
 * into 8 kHz μ-law bytes for the telephone: a 320-sample canonical frame becomes one 160-byte,
 * 20 ms payload. Resampling and encoding happen in one pass with no allocation.
 *
 * <p>Owns a {@link Resampler} and a scratch buffer; not thread-safe — one instance per outbound call
 * leg, touched only by that call's thread.
 */
public final class PcmToMuLaw {

    private static final int SCRATCH = AudioFormat.TELEPHONY.frameSamples() * 5;

    private final Resampler resampler;
    private final short[] scratch = new short[SCRATCH];

    /** @param inputRate the PCM sample rate consumed, e.g. 16000 */
    public PcmToMuLaw(int inputRate) {
        this.resampler = Resampler.create(inputRate, AudioFormat.TELEPHONY.sampleRate());
    }

    /** A converter from the canonical 16 kHz. */
    public static PcmToMuLaw fromCanonical() {
        return new PcmToMuLaw(AudioFormat.CANONICAL.sampleRate());
    }

    /**
     * @param inputLength PCM samples about to be converted
     * @return exactly how many bytes {@link #convert} will write for them
     */
    public int outputLengthFor(int inputLength) {
        return resampler.outputLengthFor(inputLength);
    }

    /**
     * Converts {@code length} PCM samples.
     *
     * @param output destination with room for {@link #outputLengthFor(int) outputLengthFor(length)} bytes
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public int convert(short[] pcm, int offset, int length, byte[] output, int outputOffset) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        Objects.checkFromIndexSize(outputOffset, resampler.outputLengthFor(length), output.length);
        int written = 0;
        // Input chunks small enough that their output always fits the scratch buffer.
        int maxInput = (int) ((long) SCRATCH * resampler.inputRate() / resampler.outputRate()) - 1;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(maxInput, length - done);
            int produced = resampler.process(pcm, offset + done, chunk, scratch, 0);
            MuLaw.encode(scratch, 0, output, outputOffset + written, produced);
            written += produced;
            done += chunk;
        }
        return written;
    }

    /** @return the resampler's group delay, the only latency this conversion adds */
    public Duration latency() {
        return resampler.latency();
    }

    /** Forgets all history, as at the start of a new stream. */
    public void reset() {
        resampler.reset();
    }
}
