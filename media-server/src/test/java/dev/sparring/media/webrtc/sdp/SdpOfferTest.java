package dev.sparring.media.webrtc.sdp;

import dev.sparring.media.webrtc.dtls.DtlsException;
import dev.sparring.media.webrtc.dtls.Fingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.media.webrtc.ice.IceCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdpOfferTest {

    /**
     * webrtc/chromium-offer.sdp: an audio-only offer in the exact shape Chromium's
     * RTCPeerConnection.createOffer() produces (line order, extmaps, RED, telephone-event at 48 and
     * 8 kHz, BUNDLE 0, actpass, CRLF); the ids, keys and fingerprint are made up.
     */
    static String chromiumOffer() {
        try (InputStream in = SdpOfferTest.class.getResourceAsStream("/webrtc/chromium-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Firefox style: ICE credentials and fingerprint at session level, plus a video m-line to refuse. */
    static final String FIREFOX_OFFER = """
            v=0
            o=mozilla...THIS_IS_SDPARTA-128.0 6214197232151226543 0 IN IP4 0.0.0.0
            s=-
            t=0 0
            a=fingerprint:sha-256 A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90:A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90
            a=group:BUNDLE 0 1
            a=ice-options:trickle
            a=ice-ufrag:8d0c7a31
            a=ice-pwd:4c9b6d1e2f3a4b5c6d7e8f9a0b1c2d3e
            a=msid-semantic:WMS *
            m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101
            c=IN IP4 0.0.0.0
            a=sendonly
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1
            a=fmtp:101 0-15
            a=mid:0
            a=rtcp-mux
            a=rtpmap:109 opus/48000/2
            a=rtpmap:9 G722/8000/1
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000/1
            a=setup:actpass
            a=ssrc:1714212131 cname:{5b2c8f0e-1a2b-4c3d-9e8f-0a1b2c3d4e5f}
            m=video 9 UDP/TLS/RTP/SAVPF 120 121
            c=IN IP4 0.0.0.0
            a=recvonly
            a=mid:1
            a=rtcp-mux
            a=rtpmap:120 VP8/90000
            a=rtpmap:121 VP9/90000
            a=setup:actpass
            """;

    @Test
    void parsesAChromiumOffer() {
        SdpOffer offer = SdpOffer.parse(chromiumOffer());

        assertThat(offer.remoteCredentials()).isEqualTo(new IceCredentials("Kb8R", "sUn2N4m9/ZsF5q0l+Yb7xW3c"));
        assertThat(offer.fingerprint().algorithm()).isEqualTo("sha-256");
        assertThat(offer.fingerprint().hex()).startsWith("3F:9A:1C").endsWith("D0:17");
        assertThat(offer.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(offer.audioMid()).isEqualTo("0");
        assertThat(offer.opusPayloadType()).isEqualTo(111);
        assertThat(offer.opusFmtp()).contains("minptime=10;useinbandfec=1");
        assertThat(offer.rtcpMux()).isTrue();
        assertThat(offer.bundleGroup()).containsExactly("0");
        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(offer.telephoneEventPayloadType()).hasValue(110);
        assertThat(offer.media()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("audio");
            assertThat(m.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
            assertThat(m.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        });
    }

    @Test
    void parsesAFirefoxOfferWithSessionLevelCredentials() {
        SdpOffer offer = SdpOffer.parse(FIREFOX_OFFER);

        assertThat(offer.remoteCredentials().ufrag()).isEqualTo("8d0c7a31");
        assertThat(offer.remoteCredentials().password()).isEqualTo("4c9b6d1e2f3a4b5c6d7e8f9a0b1c2d3e");
        assertThat(offer.fingerprint().hex()).startsWith("A1:B2");
        assertThat(offer.opusPayloadType()).isEqualTo(109);
        assertThat(offer.opusFmtp()).contains("maxplaybackrate=48000;stereo=1;useinbandfec=1");
        assertThat(offer.telephoneEventPayloadType()).hasValue(101);
        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(offer.bundleGroup()).containsExactly("0", "1");
        assertThat(offer.media()).extracting(SdpMedia::kind).containsExactly("audio", "video");
        assertThat(offer.media().get(1).mid()).contains("1");
        assertThat(offer.audioIndex()).isZero();
    }

    @Test
    void mediaLevelValuesWinOverSessionLevel() {
        String sdp = FIREFOX_OFFER.replace("a=mid:0\n", "a=mid:0\na=ice-ufrag:MEDIA\na=ice-pwd:mediaLevelPassword0123456\n");

        assertThat(SdpOffer.parse(sdp).remoteCredentials().ufrag()).isEqualTo("MEDIA");
    }

    @Test
    void refusesOffersWeCannotAnswer() {
        String chromium = chromiumOffer();
        assertRefused(chromium.replace("m=audio", "m=video").replace("opus/48000/2", "VP8/90000"),
                "no audio m-line (it offers [video])");
        assertRefused(chromium.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 ISAC/16000"),
                "no opus/48000/2 payload type");
        assertRefused(chromium.replace("a=ice-pwd:sUn2N4m9/ZsF5q0l+Yb7xW3c\r\n", ""), "no ICE credentials");
        assertRefused(chromium.replace("a=ice-pwd:sUn2N4m9/ZsF5q0l+Yb7xW3c", "a=ice-pwd:short"),
                "ICE credentials are invalid");
        assertRefused(chromium.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "no a=fingerprint");
        assertRefused(chromium.replace("a=fingerprint:sha-256", "a=fingerprint:md5"), "unsupported fingerprint hash function: md5");
        assertRefused(chromium.replace("a=setup:actpass", "a=setup:passive"), "a=setup:passive");
        assertRefused(chromium.replace("a=rtcp-mux\r\n", ""), "lacks a=rtcp-mux");
        assertRefused(chromium.replace("m=audio 9 UDP/TLS/RTP/SAVPF", "m=audio 9 RTP/AVP"), "is not UDP/TLS/RTP/SAVPF");
        assertRefused(chromium.replace("m=audio 9 ", "m=audio 0 "), "disabled (port 0)");
        assertRefused(chromium.replace("a=mid:0\r\n", ""), "no a=mid");
        assertRefused(chromium.replace("t=0 0", "t=0 0\r\na=ice-lite"), "ice-lite too");
        assertRefused("o=- 1 2 IN IP4 127.0.0.1\r\n", "must start with v=0");
        assertRefused("v=0\r\nnonsense\r\n", "line 2 is not <type>=<value>");
        assertRefused("v=0\r\ns=-\r\n", "no m= line");
    }

    @Test
    void skipsUnsupportedFingerprintsWhenASupportedOneFollows() {
        String sdp = chromiumOffer().replace("a=fingerprint:sha-256",
                "a=fingerprint:sha-1 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33\r\na=fingerprint:sha-256");

        assertThat(SdpOffer.parse(sdp).fingerprint().algorithm()).isEqualTo("sha-256");
    }

    @Test
    void acceptsSha384AndSha512AndRejectsBadDigests() {
        byte[] b48 = new byte[48];
        byte[] b64 = new byte[64];
        assertThat(Fingerprint.parse("SHA-384 " + new Fingerprint("sha-384", b48).hex()).algorithm())
                .isEqualTo("sha-384");
        assertThat(Fingerprint.parse("sha-512 " + new Fingerprint("sha-512", b64).hex().toLowerCase()).digest())
                .hasSize(64);
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 AB:CD"))
                .isInstanceOf(DtlsException.class).hasMessageContaining("2 bytes, expected 32");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 ABCD"))
                .isInstanceOf(DtlsException.class).hasMessageContaining("not colon-separated hex pairs");
    }

    @Test
    void missingSetupMeansActive() {
        SdpOffer offer = SdpOffer.parse(chromiumOffer().replace("a=setup:actpass\r\n", ""));

        assertThat(offer.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(offer.bundleGroup()).isEqualTo(List.of("0"));
        assertThat(offer.opusFmtp()).isNotEqualTo(Optional.empty());
    }

    private static void assertRefused(String sdp, String messagePart) {
        assertThatThrownBy(() -> SdpOffer.parse(sdp)).isInstanceOf(SdpException.class).hasMessageContaining(messagePart);
    }
}
