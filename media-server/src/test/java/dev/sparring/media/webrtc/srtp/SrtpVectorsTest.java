package dev.sparring.media.webrtc.srtp;

import static dev.sparring.media.webrtc.srtp.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Published known answers. RFC 3711 Appendix B.2 and B.3 (https://www.rfc-editor.org/rfc/rfc3711#appendix-B),
 * and libsrtp's reference packets from {@code srtp_validate()} in test/srtp_driver.c
 * (https://github.com/cisco/libsrtp/blob/main/test/srtp_driver.c): master key
 * E1F97A0D3E018BE0D64FA32C06DE4139, salt 0EC675AD498AFEEBB6960B3AABE6, SSRC 0xcafebabe.
 */
class SrtpVectorsTest {
    private static final byte[] MASTER_KEY = bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = bytes("0EC675AD498AFEEBB6960B3AABE6");

    private static final byte[] RTP_PLAIN = bytes(
            "800f1234 decafbad cafebabe abababab abababab abababab abababab");
    private static final byte[] SRTP_80 = bytes(
            "800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb");
    private static final byte[] RTCP_PLAIN = bytes(
            "81c8000b cafebabe abababab abababab abababab abababab");
    private static final byte[] SRTCP_80 = bytes(
            "81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798");

    @Test
    void aesCounterModeKeystreamMatchesRfc3711AppendixB2() {
        AesCounterMode aes = new AesCounterMode(bytes("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

        byte[] keystream = aes.keystream(iv, 0xFF02 * 16);

        assertThat(block(keystream, 0x0000)).isEqualTo(bytes("E03EAD0935C95E80E166B16DD92B4EB4"));
        assertThat(block(keystream, 0x0001)).isEqualTo(bytes("D23513162B02D0F72A43A2FE4A5F97AB"));
        assertThat(block(keystream, 0x0002)).isEqualTo(bytes("41E95B3BB0A2E8DD477901E4FCA894C0"));
        assertThat(block(keystream, 0xFEFF)).isEqualTo(bytes("EC8CDF7398607CB0F2D21675EA9EA1E4"));
        assertThat(block(keystream, 0xFF00)).isEqualTo(bytes("362B7C3C6773516318A077D7FC5073AE"));
        assertThat(block(keystream, 0xFF01)).isEqualTo(bytes("6A2CC3787889374FBEB4C81B17BA6C44"));
    }

    @Test
    void keyDerivationMatchesRfc3711AppendixB3() {
        KeyDerivation kdf = new KeyDerivation(MASTER_KEY, MASTER_SALT);

        assertThat(kdf.derive(KeyDerivation.RTP_ENCRYPTION, 16)).isEqualTo(bytes("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(kdf.derive(KeyDerivation.RTP_SALT, 14)).isEqualTo(bytes("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(kdf.derive(KeyDerivation.RTP_AUTHENTICATION, 94)).isEqualTo(bytes(
                "CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"));
    }

    @Test
    void protectsAndUnprotectsLibsrtpReferenceRtpPacket() {
        SrtpContext sender = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        SrtpContext receiver = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);

        assertThat(sender.protectRtp(RTP_PLAIN, 0, RTP_PLAIN.length)).isEqualTo(SRTP_80);
        assertThat(receiver.unprotectRtp(SRTP_80, 0, SRTP_80.length))
                .isInstanceOfSatisfying(SrtpResult.Ok.class, ok -> assertThat(ok.packet()).isEqualTo(RTP_PLAIN));
    }

    @Test
    void thirtyTwoBitProfileTruncatesTheSameTag() {
        SrtpContext sender = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_32, MASTER_KEY, MASTER_SALT);
        byte[] expected = Arrays.copyOf(SRTP_80, RTP_PLAIN.length + 4);

        assertThat(sender.protectRtp(RTP_PLAIN, 0, RTP_PLAIN.length)).isEqualTo(expected);
        SrtpContext receiver = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_32, MASTER_KEY, MASTER_SALT);
        assertThat(receiver.unprotectRtp(expected, 0, expected.length)).isInstanceOf(SrtpResult.Ok.class);
    }

    @Test
    void protectsAndUnprotectsLibsrtpReferenceRtcpPacket() {
        SrtpContext sender = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        SrtpContext receiver = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);

        assertThat(sender.protectRtcp(RTCP_PLAIN, 0, RTCP_PLAIN.length)).isEqualTo(SRTCP_80);
        assertThat(receiver.unprotectRtcp(SRTCP_80, 0, SRTCP_80.length))
                .isInstanceOfSatisfying(SrtpResult.Ok.class, ok -> assertThat(ok.packet()).isEqualTo(RTCP_PLAIN));
    }

    @Test
    void unprotectsAPacketAtAnOffsetInALargerBuffer() {
        byte[] framed = new byte[SRTP_80.length + 7];
        System.arraycopy(SRTP_80, 0, framed, 3, SRTP_80.length);
        SrtpContext receiver = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);

        assertThat(receiver.unprotectRtp(framed, 3, SRTP_80.length))
                .isInstanceOfSatisfying(SrtpResult.Ok.class, ok -> assertThat(ok.packet()).isEqualTo(RTP_PLAIN));
    }

    private static byte[] block(byte[] keystream, int index) {
        return Arrays.copyOfRange(keystream, index * 16, index * 16 + 16);
    }
}
