package dev.sparring.codecs.transcode;

import dev.sparring.codecs.AudioFormat;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.resample.Resampler;
import java.time.Duration;
import java.util.Objects;

/**
 * Decodes a stream of 8 kHz μ-law bytes (Twilio Media Streams payloads) into PCM16 at a target
 * rate, usually {@link AudioFormat#CANONICAL 16 kHz}: a 160-byte, 20 ms payload becomes one
 * 320-sample canonical frame. Decoding and resampling happen in one pass with no allocation.
 *
 * <p>Owns a {@link Resampler} and a scratch buffer; not thread-safe — one instance per inbound call
 * leg, touched only by that call's thread.
 */
public final class MuLawToPcm {

    private static final int SCRATCH = AudioFormat.TELEPHONY.frameSamples() * 5;

    private final Resampler resampler;
    private final short[] scratch = new short[SCRATCH];

    /** @param outputRate the PCM sample rate to produce, e.g. 16000 */
    public MuLawToPcm(int outputRate) {
        this.resampler = Resampler.create(AudioFormat.TELEPHONY.sampleRate(), outputRate);
    }

    /** A converter to the canonical 16 kHz. */
    public static MuLawToPcm toCanonical() {
        return new MuLawToPcm(AudioFormat.CANONICAL.sampleRate());
    }

    /**
     * @param inputLength μ-law bytes about to be converted
     * @return exactly how many samples {@link #convert} will write for them
     */
    public int outputLengthFor(int inputLength) {
        return resampler.outputLengthFor(inputLength);
    }

    /**
     * Converts {@code length} μ-law bytes.
     *
     * @param output destination with room for {@link #outputLengthFor(int) outputLengthFor(length)} samples
     * @return the number of samples written
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public int convert(byte[] muLaw, int offset, int length, short[] output, int outputOffset) {
        Objects.checkFromIndexSize(offset, length, muLaw.length);
        Objects.checkFromIndexSize(outputOffset, resampler.outputLengthFor(length), output.length);
        int written = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(SCRATCH, length - done);
            MuLaw.decode(muLaw, offset + done, scratch, 0, chunk);
            written += resampler.process(scratch, 0, chunk, output, outputOffset + written);
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
