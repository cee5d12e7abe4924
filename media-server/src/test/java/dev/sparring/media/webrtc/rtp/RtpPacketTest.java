package dev.sparring.media.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.media.webrtc.rtp.RtpParseResult.DropReason;
import dev.sparring.media.webrtc.rtp.RtpParseResult.Dropped;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static RtpPacket packet(RtpParseResult result) {
        assertThat(result).isInstanceOf(RtpPacket.class);
        return (RtpPacket) result;
    }

    @Test
    void parsesThePlainHeader() {
        // V=2, M=1, PT=111, seq=0x1234, ts=0xDEADBEEF, SSRC=0xCAFEBABE, payload fc ff fe
        byte[] datagram = hex("80 EF 1234 DEADBEEF CAFEBABE FC FF FE");
        RtpPacket p = packet(RtpPacket.parse(datagram, 0, datagram.length));
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(111);
        assertThat(p.sequence()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(p.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(p.csrcCount()).isZero();
        assertThat(p.extensionProfile()).isEqualTo(-1);
        assertThat(p.payloadOffset()).isEqualTo(12);
        assertThat(p.payloadLength()).isEqualTo(3);
    }

    @Test
    void skipsCsrcsAndAOneByteExtensionAsChromeSendsIt() {
        // CC=2; extension 0xBEDE of 2 words: ssrc-audio-level (id 1, 1 byte), transport-cc (id 3, 2 bytes), padding.
        byte[] datagram = hex("92 6F 0001 00000960 11223344 AAAAAAAA BBBBBBBB"
                + "BEDE 0002 10 8A 31 01 02 00 00 00" + "0102030405");
        byte[] shifted = new byte[datagram.length + 5];
        System.arraycopy(datagram, 0, shifted, 5, datagram.length);
        RtpPacket p = packet(RtpPacket.parse(shifted, 5, datagram.length));
        assertThat(p.marker()).isFalse();
        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(p.payloadOffset()).isEqualTo(5 + 12 + 8 + 4 + 8);
        assertThat(p.payloadLength()).isEqualTo(5);
        assertThat(shifted[p.payloadOffset()]).isEqualTo((byte) 1);
    }

    @Test
    void skipsATwoByteExtension() {
        // profile 0x1000, 2 words: id 5 len 3, then id 6 len 1 — 2+3+2+1 = 8 bytes.
        byte[] datagram = hex("90 6F 0001 00000960 11223344 1000 0002 05 03 AABBCC 06 01 DD 0102");
        RtpPacket p = packet(RtpPacket.parse(datagram, 0, datagram.length));
        assertThat(p.extensionProfile()).isEqualTo(0x1000);
        assertThat(p.payloadOffset()).isEqualTo(24);
        assertThat(p.payloadLength()).isEqualTo(2);
    }

    @Test
    void removesPadding() {
        byte[] datagram = hex("A0 6F 0001 00000960 11223344 0102 0000 03");
        RtpPacket p = packet(RtpPacket.parse(datagram, 0, datagram.length));
        assertThat(p.payloadLength()).isEqualTo(2);
    }

    @Test
    void dropsMalformedPacketsWithTheirReason() {
        assertThat(RtpPacket.parse(hex("80 6F 0001 00000960 112233"), 0, 11)).isEqualTo(Dropped.of(DropReason.TRUNCATED));
        assertThat(RtpPacket.parse(hex("40 6F 0001 00000960 11223344"), 0, 12)).isEqualTo(Dropped.of(DropReason.BAD_VERSION));
        // CC=3 but only one CSRC present
        assertThat(RtpPacket.parse(hex("83 6F 0001 00000960 11223344 AAAAAAAA"), 0, 16))
                .isEqualTo(Dropped.of(DropReason.TRUNCATED));
        // extension says 4 words, only 1 present
        assertThat(RtpPacket.parse(hex("90 6F 0001 00000960 11223344 BEDE 0004 10 8A 00 00"), 0, 20))
                .isEqualTo(Dropped.of(DropReason.TRUNCATED));
        // one-byte element claims 8 bytes in a 4-byte block
        assertThat(RtpPacket.parse(hex("90 6F 0001 00000960 11223344 BEDE 0001 17 00 00 00"), 0, 20))
                .isEqualTo(Dropped.of(DropReason.BAD_EXTENSION));
        // two-byte element header cut by the block end
        assertThat(RtpPacket.parse(hex("90 6F 0001 00000960 11223344 1000 0001 05 00 00 07"), 0, 20))
                .isEqualTo(Dropped.of(DropReason.BAD_EXTENSION));
        // padding count zero, and larger than the packet
        assertThat(RtpPacket.parse(hex("A0 6F 0001 00000960 11223344 0100"), 0, 14)).isEqualTo(Dropped.of(DropReason.BAD_PADDING));
        assertThat(RtpPacket.parse(hex("A0 6F 0001 00000960 11223344 01 20"), 0, 14)).isEqualTo(Dropped.of(DropReason.BAD_PADDING));
        assertThat(RtpPacket.parse(new byte[4], 2, 12)).isEqualTo(Dropped.of(DropReason.TRUNCATED));
    }

    @Test
    void classifiesRtcpByItsPacketType() {
        assertThat(RtpPacket.isRtcp(hex("80 C8 0006"), 0, 4)).isTrue(); // SR 200
        assertThat(RtpPacket.isRtcp(hex("81 C9 0007"), 0, 4)).isTrue(); // RR 201
        assertThat(RtpPacket.isRtcp(hex("80 6F 0001"), 0, 4)).isFalse(); // Opus PT 111
        assertThat(RtpPacket.isRtcp(hex("80 EF 0001"), 0, 4)).isFalse(); // Opus PT 111 with marker: 239
        assertThat(RtpPacket.isRtcp(hex("00 C8"), 0, 2)).isFalse(); // STUN-like first byte
        assertThat(RtpPacket.isRtcp(hex("80"), 0, 1)).isFalse();
    }
}
