package dev.sparring.media.webrtc.rtp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Minimal RTCP (RFC 3550 §6) for one audio call on a muxed port: writes our compound report —
 * a Sender Report (or a Receiver Report before we have sent anything), with one report block on
 * the peer's stream from the {@link JitterBuffer}'s counters, then an SDES CNAME — and reads the
 * peer's compound packets far enough to keep its last Sender Report time (for LSR/DLSR), its
 * report on our stream (loss, jitter, round trip) and a BYE. Unknown packet types are skipped;
 * malformed compounds are dropped and counted.
 *
 * <p>Owns the interval counters of the fraction-lost computation and the peer's last SR time.
 * Touched only by the call's event loop. Time comes from the injected {@link Clock}, which also
 * supplies the NTP timestamps.
 */
public final class RtcpReports {

    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    /** Seconds from the NTP epoch (1900) to the Unix epoch. */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private final long ourSsrc;
    private final byte[] cname;
    private final Clock clock;

    private long priorSsrc = -1;
    private long expectedPrior;
    private long receivedPrior;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    private long packetsReceived;
    private long malformed;
    private boolean byeReceived;
    private int remoteFractionLost;
    private long remoteCumulativeLost;
    private long remoteJitter;
    private double roundTripMillis = -1;

    /**
     * @param ourSsrc our outbound stream's SSRC
     * @param cname the canonical name in our SDES (RFC 7022: a random per-call identifier)
     */
    public RtcpReports(long ourSsrc, String cname, Clock clock) {
        this.ourSsrc = ourSsrc & 0xFFFF_FFFFL;
        this.cname = cname.getBytes(StandardCharsets.UTF_8);
        if (this.cname.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 bytes");
        }
        this.clock = clock;
    }

    /** The largest compound {@link #write} produces: SR with one block, SDES with a 255-byte CNAME. */
    public static int maxLength() {
        return 28 + 24 + 8 + 2 + 255 + 3;
    }

    /**
     * Writes our compound report into {@code out} at 0.
     *
     * @param sender our stream's counters; before its first packet an RR is written instead of an SR
     * @param peer the peer's stream counters, if it has sent anything
     * @return the compound's length
     */
    public int write(RtpPacketizer sender, Optional<JitterStats> peer, byte[] out) {
        Instant now = clock.instant();
        boolean block = peer.isPresent() && peer.get().ssrc() >= 0 && peer.get().expectedPackets() > 0;
        boolean senderReport = sender.packetsSent() > 0;
        int words = (senderReport ? 6 : 1) + (block ? 6 : 0);
        out[0] = (byte) (0x80 | (block ? 1 : 0));
        out[1] = (byte) (senderReport ? SR : RR);
        writeU16(out, 2, words);
        RtpPacketizer.writeU32(out, 4, ourSsrc);
        int position = 8;
        if (senderReport) {
            long seconds = now.getEpochSecond() + NTP_UNIX_OFFSET;
            long fraction = ((long) now.getNano() << 32) / 1_000_000_000L;
            RtpPacketizer.writeU32(out, position, seconds);
            RtpPacketizer.writeU32(out, position + 4, fraction);
            RtpPacketizer.writeU32(out, position + 8, sender.nextTimestamp());
            RtpPacketizer.writeU32(out, position + 12, sender.packetsSent());
            RtpPacketizer.writeU32(out, position + 16, sender.octetsSent());
            position += 20;
        }
        if (block) {
            position = writeBlock(peer.get(), now, out, position);
        }
        return writeSdes(out, position);
    }

    /** An RTCP compound packet from the peer (already SRTCP-unprotected). */
    public void onRtcp(byte[] buffer, int off, int len) {
        if (off < 0 || len < 4 || off + len > buffer.length || !valid(buffer, off, len)) {
            malformed++;
            return;
        }
        long arrivalNanos = nanos(clock.instant());
        int position = off;
        int end = off + len;
        while (position < end) {
            int count = buffer[position] & 0x1F;
            int type = buffer[position + 1] & 0xFF;
            int length = 4 * (RtpPacket.u16(buffer, position + 2) + 1);
            packetsReceived++;
            switch (type) {
                case SR -> {
                    if (length >= 28) {
                        long msw = RtpPacket.u32(buffer, position + 8);
                        long lsw = RtpPacket.u32(buffer, position + 12);
                        lastSrMiddle = ((msw & 0xFFFF) << 16) | (lsw >>> 16);
                        lastSrArrivalNanos = arrivalNanos;
                        haveSr = true;
                        readBlocks(buffer, position + 28, count, position + length, arrivalNanos);
                    }
                }
                case RR -> readBlocks(buffer, position + 8, count, position + length, arrivalNanos);
                case BYE -> byeReceived = true;
                default -> {
                    // SDES, APP, transport-wide feedback and others carry nothing this stage uses.
                }
            }
            position += length;
        }
    }

    public RtcpStats stats() {
        return new RtcpStats(packetsReceived, malformed, byeReceived, remoteFractionLost, remoteCumulativeLost,
                remoteJitter, roundTripMillis < 0 ? OptionalDouble.empty() : OptionalDouble.of(roundTripMillis));
    }

    /** Every packet of the compound has version 2 and a length that fits (RFC 3550 A.2). */
    private static boolean valid(byte[] buffer, int off, int len) {
        int position = off;
        int end = off + len;
        while (position < end) {
            if (end - position < 4 || (buffer[position] & 0xC0) != 0x80) {
                return false;
            }
            int length = 4 * (RtpPacket.u16(buffer, position + 2) + 1);
            if (length > end - position) {
                return false;
            }
            int count = buffer[position] & 0x1F;
            int type = buffer[position + 1] & 0xFF;
            int blocksFrom = type == SR ? 28 : type == RR ? 8 : 0;
            if (blocksFrom > 0 && blocksFrom + 24 * count > length) {
                return false;
            }
            position += length;
        }
        return true;
    }

    private void readBlocks(byte[] buffer, int from, int count, int end, long arrivalNanos) {
        for (int i = 0; i < count && from + 24 * (i + 1) <= end; i++) {
            int at = from + 24 * i;
            if (RtpPacket.u32(buffer, at) != ourSsrc) {
                continue;
            }
            remoteFractionLost = buffer[at + 4] & 0xFF;
            int cumulative = (buffer[at + 5] & 0xFF) << 16 | (buffer[at + 6] & 0xFF) << 8 | (buffer[at + 7] & 0xFF);
            remoteCumulativeLost = (cumulative << 8) >> 8;
            remoteJitter = RtpPacket.u32(buffer, at + 12);
            long lsr = RtpPacket.u32(buffer, at + 16);
            long dlsr = RtpPacket.u32(buffer, at + 20);
            if (lsr != 0) {
                long arrivalMiddle = middle32(arrivalNanos);
                long rtt = (arrivalMiddle - lsr - dlsr) & 0xFFFF_FFFFL;
                // A negative round trip (clock steps) shows up as a huge unsigned value: ignore it.
                if (rtt < 0x8000_0000L) {
                    roundTripMillis = rtt * 1000.0 / 65_536;
                }
            }
        }
    }

    private int writeBlock(JitterStats peer, Instant now, byte[] out, int at) {
        if (peer.ssrc() != priorSsrc) {
            priorSsrc = peer.ssrc();
            expectedPrior = 0;
            receivedPrior = 0;
        }
        long expectedInterval = peer.expectedPackets() - expectedPrior;
        long receivedInterval = peer.received() - receivedPrior;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        expectedPrior = peer.expectedPackets();
        receivedPrior = peer.received();
        long cumulative = Math.clamp(peer.cumulativeLost(), -0x80_0000L, 0x7F_FFFFL);

        RtpPacketizer.writeU32(out, at, peer.ssrc());
        out[at + 4] = (byte) fraction;
        out[at + 5] = (byte) (cumulative >> 16);
        out[at + 6] = (byte) (cumulative >> 8);
        out[at + 7] = (byte) cumulative;
        RtpPacketizer.writeU32(out, at + 8, peer.extendedHighestSequence());
        RtpPacketizer.writeU32(out, at + 12, peer.jitterTimestampUnits());
        long lsr = 0;
        long dlsr = 0;
        if (haveSr) {
            lsr = lastSrMiddle;
            dlsr = (nanos(now) - lastSrArrivalNanos) * 65_536 / 1_000_000_000L;
        }
        RtpPacketizer.writeU32(out, at + 16, lsr);
        RtpPacketizer.writeU32(out, at + 20, dlsr);
        return at + 24;
    }

    private int writeSdes(byte[] out, int at) {
        // One chunk: SSRC, CNAME item, END item, zero padding to a 32-bit boundary.
        int itemBytes = 2 + cname.length + 1;
        int chunkBytes = 4 + ((itemBytes + 3) & ~3);
        out[at] = (byte) 0x81;
        out[at + 1] = (byte) SDES;
        writeU16(out, at + 2, chunkBytes / 4);
        RtpPacketizer.writeU32(out, at + 4, ourSsrc);
        out[at + 8] = 1;
        out[at + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, out, at + 10, cname.length);
        for (int i = at + 10 + cname.length; i < at + 4 + chunkBytes; i++) {
            out[i] = 0;
        }
        return at + 4 + chunkBytes;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The middle 32 bits of the NTP timestamp of {@code epochNanos}: 16.16 fixed-point seconds. */
    private static long middle32(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L) + NTP_UNIX_OFFSET;
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        return ((seconds & 0xFFFF) << 16 | (nanos << 16) / 1_000_000_000L) & 0xFFFF_FFFFL;
    }

    private static void writeU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}
