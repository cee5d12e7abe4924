package dev.sparring.media.webrtc.srtp;

import static dev.sparring.media.webrtc.srtp.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrtpContextTest {
    private static final SrtpProfile PROFILE = SrtpProfile.AES128_CM_HMAC_SHA1_80;
    private static final byte[] KEY = bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SALT = bytes("101112131415161718191a1b1c1d");
    private static final int SSRC = 0x1234_5678;

    private final SrtpContext sender = SrtpContext.of(PROFILE, KEY, SALT);
    private final SrtpContext receiver = SrtpContext.of(PROFILE, KEY, SALT);

    @Test
    void roundTripsAcrossSequenceNumberRollover() {
        List<byte[]> protectedPackets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] rtp = rtp((65532 + i) & 0xFFFF, 100);
            byte[] srtp = sender.protectRtp(rtp, 0, rtp.length);
            protectedPackets.add(srtp);
            assertThat(unprotectOk(receiver, srtp)).isEqualTo(rtp);
        }
        // A receiver that never saw the packets before the wrap guesses ROC 0 and cannot
        // authenticate one sent after it: proof the sender moved to ROC 1.
        byte[] afterWrap = protectedPackets.get(6);
        SrtpContext late = SrtpContext.of(PROFILE, KEY, SALT);
        assertThat(late.unprotectRtp(afterWrap, 0, afterWrap.length))
                .isEqualTo(new SrtpResult.Failed(SrtpFailure.AUTH_FAILED));
    }

    @Test
    void acceptsAPacketFromBeforeTheWrapArrivingAfterIt() {
        byte[] start = protect(65534);
        byte[] beforeWrap = protect(65535);
        byte[] afterWrap = protect(0);

        assertThat(receiver.unprotectRtp(start, 0, start.length)).isInstanceOf(SrtpResult.Ok.class);
        assertThat(receiver.unprotectRtp(afterWrap, 0, afterWrap.length)).isInstanceOf(SrtpResult.Ok.class);
        assertThat(receiver.unprotectRtp(beforeWrap, 0, beforeWrap.length)).isInstanceOf(SrtpResult.Ok.class);
    }

    @Test
    void acceptsReorderingWithinTheWindowAndRejectsReplays() {
        List<byte[]> packets = new ArrayList<>();
        for (int seq = 1000; seq < 1100; seq++) {
            packets.add(protect(seq));
        }
        List<byte[]> shuffled = new ArrayList<>(packets);
        Collections.shuffle(shuffled, new Random(7));

        for (byte[] srtp : shuffled) {
            assertThat(receiver.unprotectRtp(srtp, 0, srtp.length)).isInstanceOf(SrtpResult.Ok.class);
        }
        for (byte[] srtp : List.of(packets.get(0), packets.get(50), packets.get(99))) {
            assertThat(receiver.unprotectRtp(srtp, 0, srtp.length))
                    .isEqualTo(new SrtpResult.Failed(SrtpFailure.REPLAYED));
        }
    }

    @Test
    void rejectsPacketsBehindTheWindowAsTooOld() {
        byte[] old = protect(5000);
        for (int seq = 5001; seq <= 5000 + ReplayWindow.SIZE; seq++) {
            byte[] srtp = protect(seq);
            assertThat(receiver.unprotectRtp(srtp, 0, srtp.length)).isInstanceOf(SrtpResult.Ok.class);
        }

        assertThat(receiver.unprotectRtp(old, 0, old.length)).isEqualTo(new SrtpResult.Failed(SrtpFailure.TOO_OLD));
    }

    @Test
    void tamperedPayloadOrTagFailsAuthenticationWithoutDisturbingTheStream() {
        byte[] srtp = protect(42);
        byte[] payloadFlipped = srtp.clone();
        payloadFlipped[20] ^= 0x01;
        byte[] tagFlipped = srtp.clone();
        tagFlipped[tagFlipped.length - 1] ^= (byte) 0x80;
        byte[] headerFlipped = srtp.clone();
        headerFlipped[1] ^= 0x01;

        for (byte[] bad : List.of(payloadFlipped, tagFlipped, headerFlipped)) {
            assertThat(receiver.unprotectRtp(bad, 0, bad.length))
                    .isEqualTo(new SrtpResult.Failed(SrtpFailure.AUTH_FAILED));
        }
        assertThat(receiver.unprotectRtp(srtp, 0, srtp.length)).isInstanceOf(SrtpResult.Ok.class);
    }

    @Test
    void shortOrMalformedPacketsAreRejectedByReason() {
        byte[] srtp = protect(7);

        assertThat(receiver.unprotectRtp(srtp, 0, 12 + 9)).isEqualTo(new SrtpResult.Failed(SrtpFailure.TRUNCATED));
        assertThat(receiver.unprotectRtp(srtp, 0, 5)).isEqualTo(new SrtpResult.Failed(SrtpFailure.TRUNCATED));
        byte[] version0 = srtp.clone();
        version0[0] = 0x00;
        assertThat(receiver.unprotectRtp(version0, 0, version0.length))
                .isEqualTo(new SrtpResult.Failed(SrtpFailure.MALFORMED));
        byte[] small = rtp(8, 20);
        byte[] tooManyCsrcs = sender.protectRtp(small, 0, small.length);
        tooManyCsrcs[0] = (byte) 0x8F;
        assertThat(receiver.unprotectRtp(tooManyCsrcs, 0, tooManyCsrcs.length))
                .isEqualTo(new SrtpResult.Failed(SrtpFailure.MALFORMED));
        assertThatThrownBy(() -> sender.protectRtp(new byte[8], 0, 8)).isInstanceOf(SrtpException.class);
    }

    @Test
    void leavesHeaderExtensionInTheClearAndEncryptsThePayload() {
        // X bit set, one-byte-header extension (0xBEDE) of one word carrying audio level.
        byte[] rtp = bytes("900f0001 00000000 12345678 bede0001 10ff0000 01020304 05060708");
        byte[] srtp = sender.protectRtp(rtp, 0, rtp.length);

        assertThat(Arrays.copyOf(srtp, 20)).isEqualTo(Arrays.copyOf(rtp, 20));
        assertThat(Arrays.copyOfRange(srtp, 20, 28)).isNotEqualTo(Arrays.copyOfRange(rtp, 20, 28));
        assertThat(unprotectOk(receiver, srtp)).isEqualTo(rtp);
    }

    @Test
    void keepsIndependentStateForEachSsrc() {
        byte[] first = rtp(10, 50);
        byte[] second = rtp(10, 50);
        second[11] = 0x01;
        byte[] a = sender.protectRtp(first, 0, first.length);
        byte[] b = sender.protectRtp(second, 0, second.length);

        assertThat(unprotectOk(receiver, a)).isEqualTo(first);
        assertThat(unprotectOk(receiver, b)).isEqualTo(second);
        assertThat(receiver.unprotectRtp(a, 0, a.length)).isEqualTo(new SrtpResult.Failed(SrtpFailure.REPLAYED));
    }

    @Test
    void srtcpRoundTripsAndRejectsReplayTamperingAndTruncation() {
        byte[] rtcp = bytes("80c90001 12345678 81ca0003 12345678 01047465 73740000");
        byte[] first = sender.protectRtcp(rtcp, 0, rtcp.length);
        byte[] second = sender.protectRtcp(rtcp, 0, rtcp.length);

        assertThat(Arrays.copyOfRange(first, rtcp.length, rtcp.length + 4)).isEqualTo(bytes("80000001"));
        assertThat(Arrays.copyOfRange(second, rtcp.length, rtcp.length + 4)).isEqualTo(bytes("80000002"));
        assertThat(receiver.unprotectRtcp(second, 0, second.length))
                .isInstanceOfSatisfying(SrtpResult.Ok.class, ok -> assertThat(ok.packet()).isEqualTo(rtcp));
        assertThat(receiver.unprotectRtcp(first, 0, first.length)).isInstanceOf(SrtpResult.Ok.class);
        assertThat(receiver.unprotectRtcp(first, 0, first.length)).isEqualTo(new SrtpResult.Failed(SrtpFailure.REPLAYED));

        byte[] third = sender.protectRtcp(rtcp, 0, rtcp.length);
        byte[] tampered = third.clone();
        tampered[10] ^= 0x04;
        assertThat(receiver.unprotectRtcp(tampered, 0, tampered.length))
                .isEqualTo(new SrtpResult.Failed(SrtpFailure.AUTH_FAILED));
        assertThat(receiver.unprotectRtcp(third, 0, 21)).isEqualTo(new SrtpResult.Failed(SrtpFailure.TRUNCATED));
        assertThat(receiver.unprotectRtcp(third, 0, third.length)).isInstanceOf(SrtpResult.Ok.class);
    }

    @Test
    void inboundUsesTheClientKeysAndOutboundTheServerKeys() {
        SrtpKeyMaterial keys = new SrtpKeyMaterial(PROFILE, KEY, SALT,
                bytes("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), bytes("e0e1e2e3e4e5e6e7e8e9eaebeced"));
        byte[] rtp = rtp(1, 80);

        byte[] fromBrowser = SrtpContext.of(PROFILE, keys.clientKey(), keys.clientSalt()).protectRtp(rtp, 0, rtp.length);
        assertThat(unprotectOk(SrtpContext.forInbound(keys), fromBrowser)).isEqualTo(rtp);

        byte[] toBrowser = SrtpContext.forOutbound(keys).protectRtp(rtp, 0, rtp.length);
        assertThat(unprotectOk(SrtpContext.of(PROFILE, keys.serverKey(), keys.serverSalt()), toBrowser)).isEqualTo(rtp);
        assertThat(SrtpContext.forInbound(keys).unprotectRtp(toBrowser, 0, toBrowser.length))
                .isEqualTo(new SrtpResult.Failed(SrtpFailure.AUTH_FAILED));
        assertThat(keys.toString()).doesNotContain("f0f1").contains("redacted");
    }

    @Test
    void splitsExporterOutputInRfc5764Order() {
        byte[] exported = new byte[60];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) i;
        }
        SrtpKeyMaterial keys = SrtpKeyMaterial.fromExporter(PROFILE, exported);

        assertThat(keys.clientKey()).isEqualTo(Arrays.copyOfRange(exported, 0, 16));
        assertThat(keys.serverKey()).isEqualTo(Arrays.copyOfRange(exported, 16, 32));
        assertThat(keys.clientSalt()).isEqualTo(Arrays.copyOfRange(exported, 32, 46));
        assertThat(keys.serverSalt()).isEqualTo(Arrays.copyOfRange(exported, 46, 60));
    }

    private byte[] protect(int seq) {
        byte[] rtp = rtp(seq, 100);
        return sender.protectRtp(rtp, 0, rtp.length);
    }

    private static byte[] unprotectOk(SrtpContext context, byte[] srtp) {
        SrtpResult result = context.unprotectRtp(srtp, 0, srtp.length);
        assertThat(result).isInstanceOf(SrtpResult.Ok.class);
        return ((SrtpResult.Ok) result).packet();
    }

    /** An Opus-like RTP packet: version 2, PT 111, the given sequence number, a patterned payload. */
    static byte[] rtp(int seq, int payloadLength) {
        byte[] packet = new byte[12 + payloadLength];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        int timestamp = seq * 960;
        packet[4] = (byte) (timestamp >>> 24);
        packet[5] = (byte) (timestamp >>> 16);
        packet[6] = (byte) (timestamp >>> 8);
        packet[7] = (byte) timestamp;
        packet[8] = (byte) (SSRC >>> 24);
        packet[9] = (byte) (SSRC >>> 16);
        packet[10] = (byte) (SSRC >>> 8);
        packet[11] = (byte) SSRC;
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) (i * 7 + seq);
        }
        return packet;
    }
}
