package dev.sparring.media.webrtc.stun;

import static dev.sparring.media.webrtc.stun.Rfc5769Vectors.IPV4_RESPONSE;
import static dev.sparring.media.webrtc.stun.Rfc5769Vectors.IPV6_RESPONSE;
import static dev.sparring.media.webrtc.stun.Rfc5769Vectors.LONG_TERM_REQUEST;
import static dev.sparring.media.webrtc.stun.Rfc5769Vectors.PASSWORD;
import static dev.sparring.media.webrtc.stun.Rfc5769Vectors.REQUEST;
import static dev.sparring.media.webrtc.stun.Rfc5769Vectors.TRANSACTION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StunMessageTest {

    @Test
    void parsesTheSampleRequestAndVerifiesIntegrityAndFingerprint() {
        StunMessage msg = StunMessage.parse(REQUEST, 0, REQUEST.length);

        assertThat(msg.isBindingRequest()).isTrue();
        assertThat(msg.transactionId()).isEqualTo(TRANSACTION_ID);
        assertThat(msg.software()).contains("STUN test client");
        assertThat(msg.username()).contains("evtj:h6vY");
        assertThat(msg.priority()).hasValue(0x6e0001ffL);
        assertThat(msg.iceControlled()).hasValue(0x932ff9b151263b36L);
        assertThat(msg.iceControlling()).isEmpty();
        assertThat(msg.useCandidate()).isFalse();
        assertThat(msg.unknownComprehensionRequired()).isEmpty();
        assertThat(msg.verifyMessageIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(msg.verifyFingerprint()).isTrue();
    }

    @Test
    void parsesTheIpv4Response() {
        StunMessage msg = StunMessage.parse(ByteBuffer.wrap(IPV4_RESPONSE));

        assertThat(msg.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(msg.method()).isEqualTo(StunMessage.BINDING);
        assertThat(msg.software()).contains("test vector");
        assertThat(msg.xorMappedAddress()).contains(new InetSocketAddress("192.0.2.1", 32853));
        assertThat(msg.verifyMessageIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(msg.verifyFingerprint()).isTrue();
    }

    @Test
    void parsesTheIpv6Response() throws Exception {
        StunMessage msg = StunMessage.parse(IPV6_RESPONSE, 0, IPV6_RESPONSE.length);

        InetAddress expected = InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677");
        assertThat(msg.xorMappedAddress()).contains(new InetSocketAddress(expected, 32853));
        assertThat(msg.verifyMessageIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(msg.verifyFingerprint()).isTrue();
    }

    @Test
    void verifiesTheLongTermCredentialRequestWithAnMd5Key() throws Exception {
        StunMessage msg = StunMessage.parse(LONG_TERM_REQUEST, 0, LONG_TERM_REQUEST.length);
        // Long-term key = MD5(username ":" realm ":" SASLprep(password)); the RFC gives the
        // SASLprep output "TheMatrIX", so no SASLprep implementation is involved here.
        byte[] key = MessageDigest.getInstance("MD5")
                .digest("マトリックス:example.org:TheMatrIX".getBytes(StandardCharsets.UTF_8));

        assertThat(msg.username()).contains("マトリックス");
        assertThat(msg.has(StunAttributeType.NONCE)).isTrue();
        assertThat(msg.value(StunAttributeType.REALM)).hasValueSatisfying(
                realm -> assertThat(new String(realm, StandardCharsets.UTF_8)).isEqualTo("example.org"));
        assertThat(msg.verifyMessageIntegrity(key)).isTrue();
        assertThat(msg.has(StunAttributeType.FINGERPRINT)).isFalse();
        assertThat(msg.verifyFingerprint()).isFalse();
    }

    @Test
    void encoderReproducesTheSampleRequestByteForByte() {
        byte[] built = new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING, TRANSACTION_ID)
                .padding((byte) 0x20)
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .build();

        assertThat(built).isEqualTo(REQUEST);
    }

    @Test
    void encoderReproducesBothSampleResponsesByteForByte() throws Exception {
        assertThat(sampleResponse(new InetSocketAddress("192.0.2.1", 32853))).isEqualTo(IPV4_RESPONSE);
        InetAddress v6 = InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677");
        assertThat(sampleResponse(new InetSocketAddress(v6, 32853))).isEqualTo(IPV6_RESPONSE);
    }

    private static byte[] sampleResponse(InetSocketAddress mapped) {
        return new StunMessageBuilder(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, TRANSACTION_ID)
                .padding((byte) 0x20)
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .build();
    }

    @Test
    void bindingSuccessRoundTrips() {
        StunMessage request = StunMessage.parse(REQUEST, 0, REQUEST.length);
        InetSocketAddress from = new InetSocketAddress("203.0.113.7", 50000);

        byte[] response = StunResponses.bindingSuccess(request, from, "local-password-0123456789");
        StunMessage parsed = StunMessage.parse(response, 0, response.length);

        assertThat(parsed.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(parsed.transactionId()).isEqualTo(TRANSACTION_ID);
        assertThat(parsed.xorMappedAddress()).contains(from);
        assertThat(parsed.verifyMessageIntegrity("local-password-0123456789".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(parsed.verifyFingerprint()).isTrue();
        assertThat(parsed.attributes()).extracting(StunAttribute::type).containsExactly(
                StunAttributeType.XOR_MAPPED_ADDRESS, StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.FINGERPRINT);
    }

    @Test
    void errorResponseCarriesCodeReasonAndUnknownAttributes() {
        StunMessage request = StunMessage.parse(REQUEST, 0, REQUEST.length);

        byte[] response = StunResponses.error(request, 420, java.util.Optional.of(PASSWORD), java.util.List.of(0x7777));
        StunMessage parsed = StunMessage.parse(response, 0, response.length);

        assertThat(parsed.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(parsed.errorCode()).contains(new StunErrorCode(420, "Unknown Attribute"));
        assertThat(parsed.value(StunAttributeType.UNKNOWN_ATTRIBUTES)).hasValueSatisfying(
                v -> assertThat(v).containsExactly(0x77, 0x77));
        assertThat(parsed.verifyMessageIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(parsed.verifyFingerprint()).isTrue();
    }

    @Test
    void wrongPasswordFailsIntegrity() {
        StunMessage msg = StunMessage.parse(REQUEST, 0, REQUEST.length);

        assertThat(msg.verifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBT".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void flippedByteFailsFingerprintAndIntegrity() {
        byte[] tampered = REQUEST.clone();
        tampered[30] ^= 1; // inside SOFTWARE
        StunMessage msg = StunMessage.parse(tampered, 0, tampered.length);

        assertThat(msg.verifyFingerprint()).isFalse();
        assertThat(msg.verifyMessageIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void badFingerprintValueIsDetected() {
        byte[] tampered = REQUEST.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThat(StunMessage.parse(tampered, 0, tampered.length).verifyFingerprint()).isFalse();
    }

    @Test
    void parsesASliceAtAnOffsetWithoutKeepingTheCallersArray() {
        byte[] framed = new byte[REQUEST.length + 10];
        System.arraycopy(REQUEST, 0, framed, 7, REQUEST.length);

        StunMessage msg = StunMessage.parse(framed, 7, REQUEST.length);
        Arrays.fill(framed, (byte) 0);

        assertThat(msg.verifyFingerprint()).isTrue();
        assertThat(StunMessage.looksLikeStun(REQUEST, 0, REQUEST.length)).isTrue();
    }

    @Test
    void looksLikeStunRejectsOtherProtocolsAndShortInput() {
        byte[] dtls = REQUEST.clone();
        dtls[0] = 22; // DTLS handshake content type
        byte[] rtp = REQUEST.clone();
        rtp[0] = (byte) 0x80;
        byte[] badCookie = REQUEST.clone();
        badCookie[5] = 0;

        assertThat(StunMessage.looksLikeStun(dtls, 0, dtls.length)).isFalse();
        assertThat(StunMessage.looksLikeStun(rtp, 0, rtp.length)).isFalse();
        assertThat(StunMessage.looksLikeStun(badCookie, 0, badCookie.length)).isFalse();
        assertThat(StunMessage.looksLikeStun(REQUEST, 0, 19)).isFalse();
        assertThat(StunMessage.looksLikeStun(REQUEST, 100, 20)).isFalse();
    }

    @Test
    void rejectsTruncatedMessages() {
        assertThatThrownBy(() -> StunMessage.parse(REQUEST, 0, 12))
                .isInstanceOf(StunException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> StunMessage.parse(REQUEST, 0, REQUEST.length - 4))
                .isInstanceOf(StunException.class).hasMessageContaining("length field says 88");
    }

    @Test
    void rejectsBadCookieTopBitsAndLength() {
        byte[] badCookie = REQUEST.clone();
        badCookie[4] = 0x21;
        badCookie[7] = 0x43;
        byte[] topBits = REQUEST.clone();
        topBits[0] = (byte) 0x40;
        byte[] oddLength = REQUEST.clone();
        oddLength[3] = 0x57;

        assertThatThrownBy(() -> StunMessage.parse(badCookie, 0, badCookie.length))
                .isInstanceOf(StunException.class).hasMessageContaining("magic cookie 0x2112a443");
        assertThatThrownBy(() -> StunMessage.parse(topBits, 0, topBits.length))
                .isInstanceOf(StunException.class).hasMessageContaining("top two bits");
        assertThatThrownBy(() -> StunMessage.parse(oddLength, 0, oddLength.length))
                .isInstanceOf(StunException.class).hasMessageContaining("not a multiple of 4");
    }

    @Test
    void rejectsAnAttributeThatOverrunsTheMessage() {
        byte[] overrun = REQUEST.clone();
        overrun[20 + 3] = 0x60; // SOFTWARE claims 96 bytes

        assertThatThrownBy(() -> StunMessage.parse(overrun, 0, overrun.length))
                .isInstanceOf(StunException.class).hasMessageContaining("0x8022 at offset 20 overruns");
    }

    @Test
    void rejectsAttributesAfterFingerprintAndWrongFixedLengths() {
        byte[] afterFingerprint = new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING, TRANSACTION_ID)
                .fingerprint().build();
        byte[] extended = Arrays.copyOf(afterFingerprint, afterFingerprint.length + 4);
        extended[3] += 4;
        extended[afterFingerprint.length + 1] = 0x25; // USE-CANDIDATE, empty
        byte[] badPriority = new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING, TRANSACTION_ID)
                .attribute(StunAttributeType.PRIORITY, new byte[] {1, 2}).build();

        assertThatThrownBy(() -> StunMessage.parse(extended, 0, extended.length))
                .isInstanceOf(StunException.class).hasMessageContaining("follows FINGERPRINT");
        assertThatThrownBy(() -> StunMessage.parse(badPriority, 0, badPriority.length))
                .isInstanceOf(StunException.class).hasMessageContaining("0x0024 has length 2, expected 4");
    }

    @Test
    void reportsUnknownComprehensionRequiredAttributesAndIgnoresOptionalOnes() {
        byte[] msg = new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING, TRANSACTION_ID)
                .attribute(0xC057, new byte[] {0, 1, 0, 0}) // GOOG-NETWORK-INFO: optional
                .attribute(0x7F01, new byte[] {9})
                .attribute(0x7F01, new byte[] {9})
                .fingerprint().build();

        StunMessage parsed = StunMessage.parse(msg, 0, msg.length);

        assertThat(parsed.unknownComprehensionRequired()).containsExactly(0x7F01);
        assertThat(parsed.verifyFingerprint()).isTrue();
    }

    @Test
    void ignoresAttributesBetweenIntegrityAndFingerprint() {
        byte[] msg = new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING, TRANSACTION_ID)
                .username("a:b").messageIntegrity(PASSWORD).build();
        byte[] extended = Arrays.copyOf(msg, msg.length + 4);
        extended[3] += 4;
        extended[msg.length + 1] = 0x25; // USE-CANDIDATE after MESSAGE-INTEGRITY

        StunMessage parsed = StunMessage.parse(extended, 0, extended.length);

        assertThat(parsed.useCandidate()).isFalse();
        assertThat(parsed.verifyMessageIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void methodAndClassBitsRoundTrip() {
        byte[] msg = new StunMessageBuilder(StunClass.INDICATION, 0xABC, TRANSACTION_ID).build();

        StunMessage parsed = StunMessage.parse(msg, 0, msg.length);

        assertThat(parsed.method()).isEqualTo(0xABC);
        assertThat(parsed.messageClass()).isEqualTo(StunClass.INDICATION);
        assertThat(parsed.isBindingRequest()).isFalse();
    }
}
