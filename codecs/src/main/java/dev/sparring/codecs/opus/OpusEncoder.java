package dev.sparring.codecs.opus;

import com.sun.jna.Pointer;

/**
 * Encodes 20 ms frames of PCM16 mono 16 kHz speech to Opus packets (VOIP application). The RTP
 * clock of the packets is still 48 kHz: Opus packets carry no sample rate, so a 20 ms packet
 * advances the RTP timestamp by 960 whatever rate it was encoded at.
 *
 * <p>Owns one native libopus encoder state, freed by {@link #close()}. Not thread-safe: one call's
 * thread uses it (encoding is stateful across frames). Allocation-free per frame.
 */
public final class OpusEncoder implements AutoCloseable {

    /** The input rate: the pipeline's working format. */
    public static final int SAMPLE_RATE = 16_000;
    /** Samples in one 20 ms input frame. */
    public static final int FRAME_SAMPLES = 320;
    /** Largest packet libopus produces for one frame (RFC 6716 §3.2.1); size output buffers by it. */
    public static final int MAX_PACKET_BYTES = 1275;

    private final OpusEncoderConfig config;
    private final int lookahead;
    private Pointer state;

    /** Creates a native encoder with {@code config}'s settings. */
    public OpusEncoder(OpusEncoderConfig config) {
        this.config = config;
        int[] error = new int[1];
        Pointer created = LibOpus.opus_encoder_create(SAMPLE_RATE, 1, LibOpus.OPUS_APPLICATION_VOIP, error);
        if (error[0] != LibOpus.OPUS_OK || created == null) {
            throw OpusException.of(error[0] != LibOpus.OPUS_OK ? error[0] : -7, "opus_encoder_create");
        }
        state = created;
        try {
            set(LibOpus.OPUS_SET_BITRATE_REQUEST, config.bitrate());
            set(LibOpus.OPUS_SET_COMPLEXITY_REQUEST, config.complexity());
            set(LibOpus.OPUS_SET_INBAND_FEC_REQUEST, config.inbandFec() ? 1 : 0);
            set(LibOpus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, config.packetLossPercent());
            set(LibOpus.OPUS_SET_DTX_REQUEST, config.dtx() ? 1 : 0);
            set(LibOpus.OPUS_SET_SIGNAL_REQUEST, LibOpus.OPUS_SIGNAL_VOICE);
            lookahead = LibOpus.encoderGet(state, LibOpus.OPUS_GET_LOOKAHEAD_REQUEST);
        } catch (OpusException e) {
            close();
            throw e;
        }
    }

    /** An encoder with {@link OpusEncoderConfig#defaults()}. */
    public OpusEncoder() {
        this(OpusEncoderConfig.defaults());
    }

    /**
     * The bound libopus's version, e.g. {@code libopus 1.1.2}; log it at startup. The library is
     * chosen by the system property {@code sparring.opus.library}: {@code bundled} (default),
     * {@code system} or a path.
     */
    public static String libraryVersion() {
        return LibOpus.opus_get_version_string();
    }

    public OpusEncoderConfig config() {
        return config;
    }

    /** @return the encoder's algorithmic delay in input samples (16 kHz) */
    public int lookaheadSamples() {
        return lookahead;
    }

    /**
     * Encodes the first {@value #FRAME_SAMPLES} samples of {@code pcm20ms}.
     *
     * @param out receives the packet; {@value #MAX_PACKET_BYTES} bytes always suffice
     * @return the packet's length in bytes
     * @throws OpusException if libopus rejects the call (e.g. {@code out} too small)
     * @throws IllegalArgumentException if {@code pcm20ms} holds fewer than 320 samples
     * @throws IllegalStateException after {@link #close()}
     */
    public int encode(short[] pcm20ms, byte[] out) {
        Pointer encoder = open();
        if (pcm20ms.length < FRAME_SAMPLES) {
            throw new IllegalArgumentException("an Opus frame needs " + FRAME_SAMPLES + " samples, got " + pcm20ms.length);
        }
        int length = LibOpus.opus_encode(encoder, pcm20ms, FRAME_SAMPLES, out, Math.min(out.length, MAX_PACKET_BYTES));
        return OpusException.check(length, "opus_encode");
    }

    /** Frees the native state; idempotent. */
    @Override
    public void close() {
        if (state != null) {
            LibOpus.opus_encoder_destroy(state);
            state = null;
        }
    }

    private void set(int request, int value) {
        OpusException.check(LibOpus.encoderCtl(state, request, value), "opus_encoder_ctl(" + request + ")");
    }

    private Pointer open() {
        if (state == null) {
            throw new IllegalStateException("OpusEncoder is closed");
        }
        return state;
    }
}
