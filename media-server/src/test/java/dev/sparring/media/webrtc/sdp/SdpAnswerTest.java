package dev.sparring.media.webrtc.sdp;

import dev.sparring.media.webrtc.dtls.Fingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.media.webrtc.ice.IceCredentials;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpAnswerTest {
    static final IceCredentials LOCAL = new IceCredentials("srv1", "serverpassword0123456789");
    static final byte[] DIGEST = new byte[32];

    static {
        for (int i = 0; i < DIGEST.length; i++) {
            DIGEST[i] = (byte) (0xA0 + i);
        }
    }

    static final List<InetSocketAddress> CANDIDATES = List.of(
            new InetSocketAddress("203.0.113.5", 40000),
            new InetSocketAddress("10.0.0.5", 40000));

    static String answer(SdpOffer offer) {
        return new SdpAnswer(offer, LOCAL, Fingerprint.sha256(DIGEST), CANDIDATES, 3_000_000_000L, "sparring-cname",
                1234567890123L).toSdp();
    }

    static List<String> lines(String sdp) {
        return Arrays.asList(sdp.split("\r\n"));
    }

    @Test
    void answersTheChromiumOfferLineByLine() {
        String sdp = answer(SdpOffer.parse(SdpOfferTest.chromiumOffer()));

        assertThat(sdp).endsWith("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(lines(sdp)).containsExactly(
                "v=0",
                "o=- 1234567890123 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "a=ice-lite",
                "a=msid-semantic:WMS sparring",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 203.0.113.5",
                "a=mid:0",
                "a=ice-ufrag:srv1",
                "a=ice-pwd:serverpassword0123456789",
                "a=fingerprint:sha-256 A0:A1:A2:A3:A4:A5:A6:A7:A8:A9:AA:AB:AC:AD:AE:AF:"
                        + "B0:B1:B2:B3:B4:B5:B6:B7:B8:B9:BA:BB:BC:BD:BE:BF",
                "a=setup:passive",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1;stereo=0",
                "a=msid:sparring sparring-audio",
                "a=ssrc:3000000000 cname:sparring-cname",
                "a=ssrc:3000000000 msid:sparring sparring-audio",
                "a=candidate:1 1 udp 2130706431 203.0.113.5 40000 typ host",
                "a=candidate:2 1 udp 2130706175 10.0.0.5 40000 typ host",
                "a=end-of-candidates");
    }

    @Test
    void candidatePriorityFollowsRfc8445() {
        // 2^24 * 126 + 2^8 * 65535 + (256 - 1)
        assertThat(SdpAnswer.candidatePriority(126, 65535, 1)).isEqualTo(2_113_929_216L + 16_776_960L + 255L);
        assertThat(SdpAnswer.candidatePriority(126, 65535, 1)).isEqualTo(2130706431L);
    }

    @Test
    void answerParsesBackAsAPassiveIceLiteDescription() {
        String sdp = answer(SdpOffer.parse(SdpOfferTest.chromiumOffer()));

        assertThat(lines(sdp)).contains("a=ice-lite", "a=setup:passive", "a=rtcp-mux");
        String fingerprint = lines(sdp).stream().filter(l -> l.startsWith("a=fingerprint:")).findFirst().orElseThrow();
        assertThat(fingerprint).matches("a=fingerprint:sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}");
        assertThat(Fingerprint.parse(fingerprint.substring("a=fingerprint:".length())).digest()).isEqualTo(DIGEST);
        // Our answer is itself valid input to the parser, except for its passive role, which it must carry.
        assertThatThrownBy(() -> SdpOffer.parse(sdp.replace("a=ice-lite\r\n", "")))
                .isInstanceOf(SdpException.class).hasMessageContaining("a=setup:passive");
        SdpOffer reparsed = SdpOffer.parse(sdp.replace("a=ice-lite\r\n", "").replace("a=setup:passive", "a=setup:active"));
        assertThat(reparsed.remoteCredentials()).isEqualTo(LOCAL);
        assertThat(reparsed.opusPayloadType()).isEqualTo(111);
        assertThat(reparsed.bundleGroup()).containsExactly("0");
    }

    @Test
    void rejectsOtherMediaWithPortZeroAndKeepsThemOutOfTheBundle() {
        String sdp = answer(SdpOffer.parse(SdpOfferTest.FIREFOX_OFFER));

        List<String> lines = lines(sdp);
        assertThat(lines).contains("a=group:BUNDLE 0", "m=audio 40000 UDP/TLS/RTP/SAVPF 109", "m=video 0 UDP/TLS/RTP/SAVPF 120");
        int video = lines.indexOf("m=video 0 UDP/TLS/RTP/SAVPF 120");
        assertThat(lines.subList(video, lines.size())).containsExactly(
                "m=video 0 UDP/TLS/RTP/SAVPF 120", "c=IN IP4 0.0.0.0", "a=mid:1", "a=inactive");
        // Firefox only sends: we only receive, so we announce no outbound stream.
        assertThat(lines).contains("a=recvonly").noneMatch(l -> l.startsWith("a=ssrc:"));
    }

    @Test
    void ipv6CandidateSetsTheConnectionLine() {
        SdpOffer offer = SdpOffer.parse(SdpOfferTest.chromiumOffer());
        String sdp = new SdpAnswer(offer, LOCAL, Fingerprint.sha256(DIGEST),
                List.of(new InetSocketAddress("2001:db8::5", 40000)), 1, "c", 1).toSdp();

        assertThat(lines(sdp)).contains("c=IN IP6 2001:db8:0:0:0:0:0:5",
                "a=candidate:1 1 udp 2130706431 2001:db8:0:0:0:0:0:5 40000 typ host");
    }

    @Test
    void refusesUnusableInputs() {
        SdpOffer offer = SdpOffer.parse(SdpOfferTest.chromiumOffer());
        Fingerprint fp = Fingerprint.sha256(DIGEST);

        assertThatThrownBy(() -> SdpAnswer.of(offer, LOCAL, fp, List.of(), 1, "c"))
                .isInstanceOf(SdpException.class).hasMessageContaining("at least one host candidate");
        assertThatThrownBy(() -> SdpAnswer.of(offer, LOCAL, fp, List.of(new InetSocketAddress(40000)), 1, "c"))
                .isInstanceOf(SdpException.class).hasMessageContaining("not a concrete address");
        assertThatThrownBy(() -> SdpAnswer.of(offer, LOCAL, fp, CANDIDATES, 1L << 32, "c"))
                .isInstanceOf(SdpException.class).hasMessageContaining("SSRC");
        assertThatThrownBy(() -> SdpAnswer.of(offer, LOCAL, fp, CANDIDATES, 1, "two words"))
                .isInstanceOf(SdpException.class).hasMessageContaining("CNAME");
    }

    @Test
    void randomSessionIdsDiffer() {
        SdpOffer offer = SdpOffer.parse(SdpOfferTest.chromiumOffer());
        Fingerprint fp = Fingerprint.sha256(DIGEST);

        long a = SdpAnswer.of(offer, LOCAL, fp, CANDIDATES, 1, "c").sessionId();
        long b = SdpAnswer.of(offer, LOCAL, fp, CANDIDATES, 1, "c").sessionId();

        assertThat(a).isNotEqualTo(b).isNotNegative();
    }
}
