package dev.sparring.media.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtpPacketizerTest {

    private static RtpPacket reparse(RtpPacketizer packetizer, int length) {
        return (RtpPacket) RtpPacket.parse(packetizer.buffer(), 0, length);
    }

    @Test
    void advancesByOneFrameOfTheOpusClockAndWrapsAround() {
        RtpPacketizer packetizer = new RtpPacketizer(111, 0x11223344L, 65_534, 0xFFFF_FC00L);
        byte[] payload = {1, 2, 3};
        RtpPacket first = reparse(packetizer, packetizer.packetize(payload, 0, 3));
        RtpPacket second = reparse(packetizer, packetizer.packetize(payload, 0, 3));
        RtpPacket third = reparse(packetizer, packetizer.packetize(payload, 0, 3));

        assertThat(first.sequence()).isEqualTo(65_534);
        assertThat(second.sequence()).isEqualTo(65_535);
        assertThat(third.sequence()).isZero();
        assertThat(first.timestamp()).isEqualTo(0xFFFF_FC00L);
        assertThat(second.timestamp()).isEqualTo((0xFFFF_FC00L + 960) & 0xFFFF_FFFFL);
        assertThat(third.timestamp()).isEqualTo((0xFFFF_FC00L + 1920) & 0xFFFF_FFFFL);
        assertThat(third.ssrc()).isEqualTo(0x11223344L);
        assertThat(third.payloadType()).isEqualTo(111);
        assertThat(packetizer.packetsSent()).isEqualTo(3);
        assertThat(packetizer.octetsSent()).isEqualTo(9);
    }

    @Test
    void marksTheFirstPacketOfEachTalkspurtAndKeepsTimeWhileIdle() {
        RtpPacketizer packetizer = new RtpPacketizer(111, new SplittableRandom(7));
        byte[] payload = {9};
        RtpPacket a = reparse(packetizer, packetizer.packetize(payload, 0, 1));
        RtpPacket b = reparse(packetizer, packetizer.packetize(payload, 0, 1));
        packetizer.idle();
        packetizer.idle();
        RtpPacket c = reparse(packetizer, packetizer.packetize(payload, 0, 1));

        assertThat(a.marker()).isTrue();
        assertThat(b.marker()).isFalse();
        assertThat(c.marker()).isTrue();
        assertThat(c.sequence()).isEqualTo((b.sequence() + 1) & 0xFFFF);
        assertThat((c.timestamp() - b.timestamp()) & 0xFFFF_FFFFL).isEqualTo(3 * 960);
    }

    @Test
    void startsFromRandomValues() {
        RtpPacketizer one = new RtpPacketizer(111, new SplittableRandom(1));
        RtpPacketizer two = new RtpPacketizer(111, new SplittableRandom(2));
        assertThat(one.ssrc()).isNotEqualTo(two.ssrc());
        assertThat(one.nextTimestamp()).isNotEqualTo(two.nextTimestamp());
        assertThat(one.ssrc()).isBetween(0L, 0xFFFF_FFFFL);
    }
}
