package dev.sparring.media.webrtc.rtp;

import java.util.random.RandomGenerator;

/**
 * Writes our outbound RTP packets (RFC 3550 §5.1): one fixed SSRC, sequence numbers and
 * timestamps starting at random values (§5.1: so that known-plaintext attacks on SRTP are
 * harder), the timestamp advancing by {@value #TIMESTAMP_PER_FRAME} per 20 ms frame — Opus's RTP
 * clock is 48 kHz (RFC 7587 §4.1) whatever rate we encode at — and the marker bit on the first
 * packet of each talkspurt. Frames not sent (idle) still advance the timestamp, so the receiver's
 * clock keeps matching ours.
 *
 * <p>Owns one reusable packet buffer, overwritten by each {@link #packetize}. Touched only by the
 * call's event loop.
 */
public final class RtpPacketizer {

    /** RTP timestamp units in one 20 ms frame at the 48 kHz Opus clock. */
    public static final int TIMESTAMP_PER_FRAME = 960;
    /** The largest packet written: header plus the largest Opus packet. */
    public static final int MAX_PACKET_BYTES = RtpPacket.HEADER_BYTES + 1275;

    private final int payloadType;
    private final long ssrc;
    private final byte[] packet = new byte[MAX_PACKET_BYTES];
    private int sequence;
    private long timestamp;
    private boolean talkspurtStart = true;
    private long packetsSent;
    private long octetsSent;

    /** Random SSRC, initial sequence and timestamp from {@code random}. */
    public RtpPacketizer(int payloadType, RandomGenerator random) {
        this(payloadType, random.nextLong() & 0xFFFF_FFFFL, random.nextInt(1 << 16), random.nextLong() & 0xFFFF_FFFFL);
    }

    /** Explicit starting values, for tests and replays. */
    public RtpPacketizer(int payloadType, long ssrc, int initialSequence, long initialTimestamp) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type must be 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        this.sequence = initialSequence & 0xFFFF;
        this.timestamp = initialTimestamp & 0xFFFF_FFFFL;
        packet[0] = (byte) 0x80;
        writeU32(packet, 8, this.ssrc);
    }

    /**
     * Writes one 20 ms frame's packet into {@link #buffer()} and advances sequence and timestamp.
     * The marker bit is set if this is the first packet since construction or {@link #idle()}.
     *
     * @return the packet's length
     */
    public int packetize(byte[] payload, int off, int len) {
        if (len > MAX_PACKET_BYTES - RtpPacket.HEADER_BYTES) {
            throw new IllegalArgumentException("RTP payload too large: " + len);
        }
        packet[1] = (byte) ((talkspurtStart ? 0x80 : 0) | payloadType);
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        writeU32(packet, 4, timestamp);
        System.arraycopy(payload, off, packet, RtpPacket.HEADER_BYTES, len);
        talkspurtStart = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + TIMESTAMP_PER_FRAME) & 0xFFFF_FFFFL;
        packetsSent++;
        octetsSent += len;
        return RtpPacket.HEADER_BYTES + len;
    }

    /** A 20 ms frame passes without a packet: the timestamp advances and the next packet is marked. */
    public void idle() {
        timestamp = (timestamp + TIMESTAMP_PER_FRAME) & 0xFFFF_FFFFL;
        talkspurtStart = true;
    }

    /** The buffer {@link #packetize} writes into; valid until the next call. */
    public byte[] buffer() {
        return packet;
    }

    public long ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The sequence number the next packet will carry. */
    public int nextSequence() {
        return sequence;
    }

    /** The timestamp the next frame will carry: our RTP clock "now" for a Sender Report. */
    public long nextTimestamp() {
        return timestamp;
    }

    /** Packets sent, for the Sender Report. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Payload octets sent, for the Sender Report. */
    public long octetsSent() {
        return octetsSent;
    }

    static void writeU32(byte[] b, int at, long value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
