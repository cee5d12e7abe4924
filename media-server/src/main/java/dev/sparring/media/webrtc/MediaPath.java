package dev.sparring.media.webrtc;

import dev.sparring.codecs.opus.OpusDecoder;
import dev.sparring.codecs.opus.OpusEncoder;
import dev.sparring.media.webrtc.rtp.JitterBuffer;
import dev.sparring.media.webrtc.rtp.OpusReceiver;
import dev.sparring.media.webrtc.rtp.OutboundPlayout;
import dev.sparring.media.webrtc.rtp.RtcpReports;
import dev.sparring.media.webrtc.rtp.RtpPacket;
import dev.sparring.media.webrtc.rtp.RtpPacketizer;
import dev.sparring.media.webrtc.rtp.RtpParseResult;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One peer's audio in both directions, after SRTP: RTP/Opus from the browser through the jitter
 * buffer and decoder into 20 ms PCM16 16 kHz frames for the call, and the call's PCM through the
 * paced playout, the Opus encoder and the packetizer back out; plus RTCP both ways.
 *
 * <p>Owns the Opus encoder and decoder (native memory, freed by {@link #close}). Touched only by
 * the peer's executor.
 */
final class MediaPath implements AutoCloseable {
    private final JitterBuffer jitter;
    private final OpusReceiver receiver;
    private final OutboundPlayout playout;
    private final RtcpReports rtcp;
    private final WebRtcMetrics metrics;
    private final byte[] rtcpBuffer = new byte[RtcpReports.maxLength()];
    private boolean closed;

    /** An outbound RTP packet in a buffer the next tick overwrites. */
    record Packet(byte[] array, int offset, int length) {}

    private MediaPath(JitterBuffer jitter, OpusReceiver receiver, OutboundPlayout playout, RtcpReports rtcp,
                      WebRtcMetrics metrics) {
        this.jitter = jitter;
        this.receiver = receiver;
        this.playout = playout;
        this.rtcp = rtcp;
        this.metrics = metrics;
    }

    /**
     * @param frames receives each inbound 20 ms frame (PCM16 LE 16 kHz, 640 bytes)
     * @param marks  receives each mark once the audio queued before it has been sent
     */
    static MediaPath create(WebRtcConfig config, int opusPayloadType, long ssrc, String cname, Clock clock,
                            WebRtcMetrics metrics, Consumer<byte[]> frames, OutboundPlayout.MarkListener marks) {
        JitterBuffer jitter = new JitterBuffer(config.jitterBuffer());
        OpusDecoder decoder = new OpusDecoder();
        OpusEncoder encoder;
        try {
            encoder = new OpusEncoder(config.opusEncoder());
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
        OpusReceiver receiver = new OpusReceiver(opusPayloadType, jitter, decoder, frames, OpusReceiver.DEFAULT_MAX_CONCEAL_MS);
        RtpPacketizer packetizer = new RtpPacketizer(opusPayloadType, ssrc, RandomStart.sequence(), RandomStart.timestamp());
        OutboundPlayout playout = new OutboundPlayout(encoder, packetizer, marks);
        return new MediaPath(jitter, receiver, playout, new RtcpReports(ssrc, cname, clock), metrics);
    }

    /** RTCP shares the port (rtcp-mux): RFC 5761 §4 tells them apart by the payload type byte. */
    static boolean isRtcp(byte[] datagram) {
        return RtpPacket.isRtcp(datagram, 0, datagram.length);
    }

    void onRtp(byte[] packet, long nowMillis) {
        switch (RtpPacket.parse(packet, 0, packet.length)) {
            case RtpPacket rtp -> receiver.onPacket(rtp, nowMillis);
            case RtpParseResult.Dropped dropped -> metrics.dropped("rtp", dropped.reason());
        }
    }

    void onRtcp(byte[] packet, long nowMillis) {
        rtcp.onRtcp(packet, 0, packet.length);
    }

    /** The inbound side of the 20 ms tick: exactly one frame to {@code frames}. */
    void pollInbound(long nowMillis) {
        receiver.tick(nowMillis);
    }

    /** The outbound side of the 20 ms tick: the RTP packet due now, if anything is playing. */
    Optional<Packet> nextOutbound(long nowMillis) {
        int length = playout.tick(nowMillis);
        return length == 0 ? Optional.empty() : Optional.of(new Packet(playout.packet(), 0, length));
    }

    /** Our compound RTCP report (SR or RR, SDES CNAME). */
    byte[] rtcpReport() {
        int length = rtcp.write(playout.packetizer(), Optional.of(jitter.stats()), rtcpBuffer);
        return java.util.Arrays.copyOf(rtcpBuffer, length);
    }

    void enqueue(byte[] pcm16k) {
        playout.enqueue(pcm16k);
    }

    void mark(String name) {
        playout.mark(name);
    }

    void clear() {
        playout.clear();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            receiver.close();
            playout.close();
        }
    }

    /** RFC 3550 §5.1: sequence numbers and timestamps start at random values. */
    private static final class RandomStart {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        static int sequence() {
            return RANDOM.nextInt(1 << 16);
        }

        static long timestamp() {
            return RANDOM.nextInt() & 0xFFFFFFFFL;
        }
    }
}
