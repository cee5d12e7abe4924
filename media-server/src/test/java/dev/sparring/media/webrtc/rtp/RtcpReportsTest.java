package dev.sparring.media.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpReportsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static final long OURS = 0x0A0B0C0DL;
    private static final long PEER = 0x01020304L;

    private static JitterBuffer peerStream(int packets, int skipEvery) {
        JitterBuffer buffer = new JitterBuffer();
        for (int i = 0; i < packets; i++) {
            if (skipEvery > 0 && i % skipEvery == skipEvery - 1) {
                continue;
            }
            buffer.offer(PEER, 100 + i, 960L * i, i == 0, new byte[] {1}, 0, 1, 20L * i);
        }
        return buffer;
    }

    @Test
    void ourSenderReportCarriesNtpCountsABlockForThePeerAndOurCname() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00.500Z"));
        RtcpReports ours = new RtcpReports(OURS, "sparring-call-1", clock);
        RtpPacketizer packetizer = new RtpPacketizer(111, OURS, 10, 5_000);
        for (int i = 0; i < 3; i++) {
            packetizer.packetize(new byte[40], 0, 40);
        }
        byte[] out = new byte[RtcpReports.maxLength()];
        int length = ours.write(packetizer, Optional.of(peerStream(21, 5).stats()), out);

        assertThat(RtpPacket.isRtcp(out, 0, length)).isTrue();
        assertThat(out[0] & 0xFF).isEqualTo(0x81);
        assertThat(out[1] & 0xFF).isEqualTo(200);
        assertThat(RtpPacket.u16(out, 2)).isEqualTo(12);
        assertThat(RtpPacket.u32(out, 4)).isEqualTo(OURS);
        long ntpSeconds = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + 2_208_988_800L;
        assertThat(RtpPacket.u32(out, 8)).isEqualTo(ntpSeconds & 0xFFFF_FFFFL);
        assertThat(RtpPacket.u32(out, 12)).isEqualTo(0x8000_0000L);
        assertThat(RtpPacket.u32(out, 16)).isEqualTo(5_000 + 3 * 960);
        assertThat(RtpPacket.u32(out, 20)).isEqualTo(3);
        assertThat(RtpPacket.u32(out, 24)).isEqualTo(120);
        // Report block: 4 of 21 lost → fraction 48/256, cumulative 4, highest 120.
        assertThat(RtpPacket.u32(out, 28)).isEqualTo(PEER);
        assertThat(out[32] & 0xFF).isEqualTo(4 * 256 / 21);
        assertThat(RtpPacket.u32(out, 32) & 0xFF_FFFF).isEqualTo(4);
        assertThat(RtpPacket.u32(out, 36)).isEqualTo(120);
        assertThat(RtpPacket.u32(out, 48)).isZero(); // LSR: no SR from the peer yet
        // SDES
        assertThat(out[52] & 0xFF).isEqualTo(0x81);
        assertThat(out[53] & 0xFF).isEqualTo(202);
        assertThat(out[60]).isEqualTo((byte) 1);
        assertThat(new String(out, 62, out[61], StandardCharsets.UTF_8)).isEqualTo("sparring-call-1");
        assertThat(length % 4).isZero();
        assertThat(length).isEqualTo(52 + 4 * (RtpPacket.u16(out, 54) + 1));
    }

    @Test
    void aReceiverReportBeforeWeSendAndNoBlockBeforeThePeerDoes() {
        RtcpReports ours = new RtcpReports(OURS, "c", Clock.systemUTC());
        byte[] out = new byte[RtcpReports.maxLength()];
        int length = ours.write(new RtpPacketizer(111, OURS, 0, 0), Optional.empty(), out);
        assertThat(out[0] & 0xFF).isEqualTo(0x80);
        assertThat(out[1] & 0xFF).isEqualTo(201);
        assertThat(RtpPacket.u16(out, 2)).isEqualTo(1);
        assertThat(length).isEqualTo(8 + 12);
    }

    @Test
    void roundTripBetweenTwoEndsGivesLsrDlsrAndTheRoundTripTime() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        RtcpReports us = new RtcpReports(OURS, "us", clock);
        RtcpReports them = new RtcpReports(PEER, "them", clock);
        RtpPacketizer ourSender = new RtpPacketizer(111, OURS, 0, 0);
        RtpPacketizer theirSender = new RtpPacketizer(111, PEER, 100, 0);
        ourSender.packetize(new byte[10], 0, 10);
        theirSender.packetize(new byte[10], 0, 10);
        JitterBuffer ourView = peerStream(50, 10);
        JitterBuffer theirView = new JitterBuffer();
        for (int i = 0; i < 50; i++) {
            theirView.offer(OURS, i, 960L * i, i == 0, new byte[] {1}, 0, 1, 20L * i);
        }
        byte[] wire = new byte[RtcpReports.maxLength()];

        // We send an SR; it takes 40 ms to reach them.
        int length = us.write(ourSender, Optional.of(ourView.stats()), wire);
        clock.advance(Duration.ofMillis(40));
        them.onRtcp(wire, 0, length);
        // They answer 250 ms later; their RR block on our stream carries LSR/DLSR; 40 ms back.
        clock.advance(Duration.ofMillis(250));
        length = them.write(theirSender, Optional.of(theirView.stats()), wire);
        clock.advance(Duration.ofMillis(40));
        us.onRtcp(wire, 0, length);

        RtcpStats stats = us.stats();
        assertThat(stats.roundTripMillis()).hasValueCloseTo(80.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(stats.remoteCumulativeLost()).isZero();
        assertThat(stats.remoteFractionLost()).isZero();
        assertThat(stats.packetsReceived()).isEqualTo(2);
        assertThat(them.stats().roundTripMillis()).isEmpty();
        assertThat(stats.byeReceived()).isFalse();
    }

    @Test
    void readsByeSkipsUnknownTypesAndDropsMalformedCompounds() {
        RtcpReports ours = new RtcpReports(OURS, "us", Clock.systemUTC());
        // RR without blocks, a transport-cc feedback (205) of 2 words, then BYE for the peer.
        byte[] compound = HexFormat.of().parseHex("80C9000101020304" + "8FCD00020102030400000000" + "81CB000101020304");
        ours.onRtcp(compound, 0, compound.length);
        assertThat(ours.stats().byeReceived()).isTrue();
        assertThat(ours.stats().packetsReceived()).isEqualTo(3);

        byte[] truncated = Arrays.copyOf(compound, 10);
        ours.onRtcp(truncated, 0, truncated.length);
        byte[] badVersion = compound.clone();
        badVersion[8] = 0x4F;
        ours.onRtcp(badVersion, 0, badVersion.length);
        // An RR claiming 2 report blocks in a packet of 2 words.
        byte[] lyingCount = HexFormat.of().parseHex("82C9000101020304");
        ours.onRtcp(lyingCount, 0, lyingCount.length);
        ours.onRtcp(compound, 0, 2);
        assertThat(ours.stats().malformed()).isEqualTo(4);
        assertThat(ours.stats().packetsReceived()).isEqualTo(3);
    }
}
