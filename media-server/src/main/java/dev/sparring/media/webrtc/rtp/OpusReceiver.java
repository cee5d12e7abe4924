package dev.sparring.media.webrtc.rtp;

import dev.sparring.codecs.opus.OpusDecoder;
import dev.sparring.codecs.opus.OpusException;
import dev.sparring.codecs.pcm.PcmBytes;
import java.util.function.Consumer;

/**
 * The inbound audio stage of a WebRTC call: RTP packets of the negotiated Opus payload type go
 * into a {@link JitterBuffer}; every {@link #tick} hands the pipeline exactly one 20 ms frame of
 * PCM16 LE mono 16 kHz ({@code byte[640]}), so VAD and silence timers run at real time whatever
 * the network does.
 *
 * <p>A lost packet is rebuilt from the next packet's in-band FEC when that packet is already
 * buffered, else concealed by Opus PLC. Concealment is bounded: after {@code maxConcealMs} of
 * consecutive loss the stage emits silence rather than a decaying drone the VAD might take for
 * speech. An idle stream (sender paused, DTX, not started) yields silence too.
 *
 * <p>Owns its jitter buffer and Opus decoder (closed by {@link #close()}) and a decode buffer
 * reused for every frame; each delivered {@code byte[640]} is new and belongs to the consumer.
 * Touched only by the call's event loop. Never throws on bad input: a packet libopus rejects is
 * counted and concealed.
 */
public final class OpusReceiver implements AutoCloseable {

    /** Bytes of one delivered frame: 20 ms of PCM16 at 16 kHz. */
    public static final int FRAME_BYTES = 640;
    /** Default bound on consecutive concealment before silence. */
    public static final int DEFAULT_MAX_CONCEAL_MS = 100;

    private static final int FRAME_SAMPLES = FRAME_BYTES / 2;

    private final int payloadType;
    private final JitterBuffer jitterBuffer;
    private final OpusDecoder decoder;
    private final Consumer<byte[]> frames;
    private final int maxConcealFrames;
    /** Decoded samples not yet delivered: a 40 or 60 ms packet fills several ticks. */
    private final short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES + FRAME_SAMPLES];
    private final short[] decodeBuffer = new short[OpusDecoder.MAX_FRAME_SAMPLES];
    private int pcmSamples;
    private int consecutiveConcealed;

    private long framesDelivered;
    private long decoded;
    private long concealed;
    private long recoveredByFec;
    private long silence;
    private long decodeErrors;
    private long otherPayloadTypes;

    /**
     * @param payloadType the Opus payload type negotiated in the SDP (often 111)
     * @param jitterBuffer owned from now on
     * @param decoder owned from now on; closed with this stage
     * @param frames receives each 20 ms frame on the event loop
     * @param maxConcealMs consecutive concealment before silence, a multiple of 20
     */
    public OpusReceiver(int payloadType, JitterBuffer jitterBuffer, OpusDecoder decoder, Consumer<byte[]> frames,
            int maxConcealMs) {
        if (maxConcealMs < 0 || maxConcealMs % 20 != 0) {
            throw new IllegalArgumentException("max concealment must be a non-negative multiple of 20 ms: " + maxConcealMs);
        }
        this.payloadType = payloadType;
        this.jitterBuffer = jitterBuffer;
        this.decoder = decoder;
        this.frames = frames;
        this.maxConcealFrames = maxConcealMs / 20;
    }

    /** Default jitter buffer, a new decoder, {@value #DEFAULT_MAX_CONCEAL_MS} ms concealment bound. */
    public OpusReceiver(int payloadType, Consumer<byte[]> frames) {
        this(payloadType, new JitterBuffer(), new OpusDecoder(), frames, DEFAULT_MAX_CONCEAL_MS);
    }

    /** An RTP packet from the peer (already SRTP-unprotected), with its arrival time. */
    public void onPacket(RtpPacket packet, long arrivalMillis) {
        if (packet.payloadType() != payloadType) {
            otherPayloadTypes++;
            return;
        }
        jitterBuffer.offer(packet, arrivalMillis);
    }

    /** Delivers the next 20 ms frame; call every 20 ms of the call's clock. */
    public void tick(long nowMillis) {
        if (pcmSamples < FRAME_SAMPLES) {
            fill(nowMillis);
        }
        byte[] frame = new byte[FRAME_BYTES];
        int take = Math.min(pcmSamples, FRAME_SAMPLES);
        if (take > 0) {
            PcmBytes.toBytes(pcm, 0, frame, 0, take);
            System.arraycopy(pcm, take, pcm, 0, pcmSamples - take);
            pcmSamples -= take;
        }
        framesDelivered++;
        frames.accept(frame);
    }

    public OpusReceiverStats stats() {
        return new OpusReceiverStats(framesDelivered, decoded, concealed, recoveredByFec, silence, decodeErrors,
                otherPayloadTypes, jitterBuffer.stats());
    }

    /** Closes the decoder; idempotent. */
    @Override
    public void close() {
        decoder.close();
    }

    /** Adds at least one frame's worth of samples, or leaves the buffer short for silence. */
    private void fill(long nowMillis) {
        switch (jitterBuffer.poll(nowMillis)) {
            case JitterBuffer.Frame f -> {
                consecutiveConcealed = 0;
                if (f.length() == 0) {
                    // An empty Opus payload means "no data for this frame" (RFC 7587 §4.1 DTX): conceal.
                    conceal();
                    return;
                }
                try {
                    append(decoder.decode(f.payload(), 0, f.length(), decodeBuffer));
                    decoded++;
                } catch (OpusException e) {
                    decodeErrors++;
                    conceal();
                }
            }
            case JitterBuffer.Lost l -> {
                if (l.hasNext() && consecutiveConcealed < maxConcealFrames && fec(l)) {
                    return;
                }
                conceal();
            }
            case JitterBuffer.Empty e -> {
                consecutiveConcealed = 0;
                silence++;
            }
        }
    }

    private boolean fec(JitterBuffer.Lost lost) {
        try {
            append(decoder.decodeFec(lost.nextPayload(), 0, lost.nextLength(), decodeBuffer, FRAME_SAMPLES));
            recoveredByFec++;
            consecutiveConcealed = 0;
            return true;
        } catch (OpusException e) {
            decodeErrors++;
            return false;
        }
    }

    private void conceal() {
        if (consecutiveConcealed >= maxConcealFrames) {
            silence++;
            return;
        }
        consecutiveConcealed++;
        try {
            append(decoder.conceal(decodeBuffer, FRAME_SAMPLES));
            concealed++;
        } catch (OpusException e) {
            decodeErrors++;
            silence++;
        }
    }

    private void append(int samples) {
        int room = pcm.length - pcmSamples;
        int n = Math.min(samples, room);
        System.arraycopy(decodeBuffer, 0, pcm, pcmSamples, n);
        pcmSamples += n;
    }
}
