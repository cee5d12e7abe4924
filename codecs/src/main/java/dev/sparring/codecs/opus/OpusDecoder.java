package dev.sparring.codecs.opus;

import com.sun.jna.Pointer;
import java.util.Objects;

/**
 * Decodes Opus packets straight to PCM16 mono 16 kHz: libopus resamples internally, which is
 * cheaper than decoding at 48 kHz and resampling ourselves. Conceals lost packets (PLC) and can
 * recover a lost packet from the in-band FEC of the packet after it.
 *
 * <p>Owns one native libopus decoder state and a small scratch buffer, freed/reused by this
 * instance only; {@link #close()} frees the native state. Not thread-safe: one call's thread uses
 * it. Allocation-free per packet.
 */
public final class OpusDecoder implements AutoCloseable {

    /** The output rate: the pipeline's working format. */
    public static final int SAMPLE_RATE = 16_000;
    /** Samples of the longest Opus packet (120 ms) at 16 kHz: the output buffer that always suffices. */
    public static final int MAX_FRAME_SAMPLES = 1_920;

    private static final int OPUS_RESET_STATE = 4028;

    /** Packets arriving at an offset are copied here, because JNA passes arrays from index 0. */
    private final byte[] scratch = new byte[OpusEncoder.MAX_PACKET_BYTES * 6];
    private Pointer state;

    public OpusDecoder() {
        int[] error = new int[1];
        Pointer created = LibOpus.opus_decoder_create(SAMPLE_RATE, 1, error);
        if (error[0] != LibOpus.OPUS_OK || created == null) {
            throw OpusException.of(error[0] != LibOpus.OPUS_OK ? error[0] : -7, "opus_decoder_create");
        }
        state = created;
    }

    /**
     * Decodes one packet.
     *
     * @param out receives the samples; its length caps the packet duration accepted
     * @return the number of samples written (320 for a 20 ms packet)
     * @throws OpusException if the packet is malformed ({@code OPUS_INVALID_PACKET}) or
     *         longer than {@code out}; the decoder stays usable
     * @throws IllegalStateException after {@link #close()}
     */
    public int decode(byte[] packet, int off, int len, short[] out) {
        Pointer decoder = open();
        if (len <= 0) {
            throw OpusException.of(-4, "opus_decode of an empty packet");
        }
        byte[] data = packet(packet, off, len);
        return OpusException.check(LibOpus.opus_decode(decoder, data, len, out, out.length, 0), "opus_decode");
    }

    /**
     * Packet loss concealment: extrapolates {@code samples} samples from the decoder's history.
     * Repeated calls fade towards silence.
     *
     * @param samples a multiple of 2.5 ms (40 at 16 kHz), typically 320
     * @return the number of samples written
     */
    public int conceal(short[] out, int samples) {
        Pointer decoder = open();
        return OpusException.check(LibOpus.opus_decode(decoder, null, 0, out, samples, 0), "opus_decode (PLC)");
    }

    /**
     * Recovers the packet lost just before {@code nextPacket} from the in-band FEC data that
     * {@code nextPacket} carries (when its encoder had FEC on); without FEC data libopus conceals
     * instead. Decode {@code nextPacket} itself normally afterwards.
     *
     * @param samples the lost packet's duration in samples, typically 320
     * @return the number of samples written
     */
    public int decodeFec(byte[] nextPacket, int off, int len, short[] out, int samples) {
        Pointer decoder = open();
        if (len <= 0) {
            return conceal(out, samples);
        }
        byte[] data = packet(nextPacket, off, len);
        return OpusException.check(LibOpus.opus_decode(decoder, data, len, out, samples, 1), "opus_decode (FEC)");
    }

    /** Forgets the decoding history, as for a new stream (a new SSRC). */
    public void reset() {
        OpusException.check(LibOpus.opus_decoder_ctl(open(), OPUS_RESET_STATE), "opus_decoder_ctl(OPUS_RESET_STATE)");
    }

    /** Frees the native state; idempotent. */
    @Override
    public void close() {
        if (state != null) {
            LibOpus.opus_decoder_destroy(state);
            state = null;
        }
    }

    private byte[] packet(byte[] packet, int off, int len) {
        // libopus reads len bytes from the array's start: an out-of-range length must never reach it.
        Objects.checkFromIndexSize(off, len, packet.length);
        if (off == 0) {
            return packet;
        }
        if (len > scratch.length) {
            throw OpusException.of(-4, "opus_decode of a " + len + "-byte packet");
        }
        System.arraycopy(packet, off, scratch, 0, len);
        return scratch;
    }

    private Pointer open() {
        if (state == null) {
            throw new IllegalStateException("OpusDecoder is closed");
        }
        return state;
    }
}
