package dev.sparring.media.webrtc.sdp;

import dev.sparring.media.webrtc.dtls.Fingerprint;
import dev.sparring.media.webrtc.ice.IceCredentials;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Our answer to an {@link SdpOffer}: ICE-lite with host candidates, a=setup:passive, our DTLS
 * fingerprint and Opus on the offer's first audio m-line; every other m-line is rejected with port
 * 0 and left out of the BUNDLE group (RFC 8843 §7.3.3). A BUNDLE group is only answered when the
 * offer had one. Rendered with CRLF line endings.
 *
 * @param candidates the public addresses of the shared media port, most preferred first
 * @param ssrc the SSRC of our outbound Opus stream (unsigned 32 bits)
 * @param cname the RTCP CNAME of our outbound stream
 * @param sessionId the o= session id (a random positive 62-bit number in {@link #of})
 */
public record SdpAnswer(SdpOffer offer, IceCredentials localCredentials, Fingerprint fingerprint,
        List<InetSocketAddress> candidates, long ssrc, String cname, long sessionId) {
    /** RFC 8445 §5.1.2.2 recommended type preference for host candidates. */
    public static final int HOST_TYPE_PREFERENCE = 126;
    public static final String MEDIA_STREAM_ID = "sparring";
    public static final String TRACK_ID = "sparring-audio";
    static final String OPUS_FMTP = "minptime=10;useinbandfec=1;stereo=0";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CRLF = "\r\n";

    public SdpAnswer {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new SdpException("an ICE-lite answer needs at least one host candidate");
        }
        if (candidates.size() > 65535) {
            throw new SdpException("too many candidates: " + candidates.size());
        }
        for (InetSocketAddress c : candidates) {
            if (c.isUnresolved() || c.getAddress().isAnyLocalAddress() || c.getPort() == 0) {
                throw new SdpException("candidate " + c + " is not a concrete address and port");
            }
        }
        if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new SdpException("SSRC must be an unsigned 32-bit value, got " + ssrc);
        }
        if (cname.isEmpty() || !cname.matches("\\S+")) {
            throw new SdpException("CNAME must be non-empty without whitespace, got '" + cname + "'");
        }
        if (sessionId < 0) {
            throw new SdpException("o= session id must be non-negative, got " + sessionId);
        }
    }

    /** An answer with a random o= session id. */
    public static SdpAnswer of(SdpOffer offer, IceCredentials localCredentials, Fingerprint fingerprint,
            List<InetSocketAddress> candidates, long ssrc, String cname) {
        return new SdpAnswer(offer, localCredentials, fingerprint, candidates, ssrc, cname,
                RANDOM.nextLong() >>> 2);
    }

    /**
     * RFC 8445 §5.1.2.1: {@code 2^24 * typePreference + 2^8 * localPreference + (256 - componentId)}.
     */
    public static long candidatePriority(int typePreference, int localPreference, int componentId) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    public String toSdp() {
        StringBuilder sdp = new StringBuilder(1024);
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " 2 IN IP4 127.0.0.1");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        if (offer.bundleGroup().contains(offer.audioMid())) {
            line(sdp, "a=group:BUNDLE " + offer.audioMid());
        }
        line(sdp, "a=ice-lite");
        line(sdp, "a=msid-semantic:WMS " + MEDIA_STREAM_ID);
        for (int i = 0; i < offer.media().size(); i++) {
            if (i == offer.audioIndex()) {
                audio(sdp);
            } else {
                rejected(sdp, offer.media().get(i));
            }
        }
        return sdp.toString();
    }

    private void audio(StringBuilder sdp) {
        InetSocketAddress primary = candidates.get(0);
        int pt = offer.opusPayloadType();
        MediaDirection direction = offer.audioDirection().answer();
        line(sdp, "m=audio " + primary.getPort() + " " + offer.audio().protocol() + " " + pt);
        line(sdp, "c=" + addressLine(primary.getAddress()));
        line(sdp, "a=mid:" + offer.audioMid());
        line(sdp, "a=ice-ufrag:" + localCredentials.ufrag());
        line(sdp, "a=ice-pwd:" + localCredentials.password());
        line(sdp, "a=fingerprint:" + fingerprint.sdpValue());
        line(sdp, "a=setup:passive");
        line(sdp, "a=" + direction.sdpValue());
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=rtpmap:" + pt + " opus/48000/2");
        line(sdp, "a=fmtp:" + pt + " " + OPUS_FMTP);
        if (direction.sends()) {
            line(sdp, "a=msid:" + MEDIA_STREAM_ID + " " + TRACK_ID);
            line(sdp, "a=ssrc:" + ssrc + " cname:" + cname);
            line(sdp, "a=ssrc:" + ssrc + " msid:" + MEDIA_STREAM_ID + " " + TRACK_ID);
        }
        List<InetAddress> foundations = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            InetSocketAddress c = candidates.get(i);
            // Same foundation for the same base address (RFC 8445 §5.1.1.3); earlier entries are preferred.
            if (!foundations.contains(c.getAddress())) {
                foundations.add(c.getAddress());
            }
            int foundation = foundations.indexOf(c.getAddress()) + 1;
            long priority = candidatePriority(HOST_TYPE_PREFERENCE, 65535 - i, 1);
            line(sdp, "a=candidate:" + foundation + " 1 udp " + priority + " " + hostAddress(c.getAddress()) + " "
                    + c.getPort() + " typ host");
        }
        line(sdp, "a=end-of-candidates");
    }

    private static void rejected(StringBuilder sdp, SdpMedia media) {
        line(sdp, "m=" + media.kind() + " 0 " + media.protocol() + " " + media.formats().get(0));
        line(sdp, "c=IN IP4 0.0.0.0");
        media.mid().ifPresent(mid -> line(sdp, "a=mid:" + mid));
        line(sdp, "a=inactive");
    }

    private static String addressLine(InetAddress address) {
        return (address instanceof Inet4Address ? "IN IP4 " : "IN IP6 ") + hostAddress(address);
    }

    /** Literal address without an IPv6 scope suffix, which SDP cannot carry. */
    private static String hostAddress(InetAddress address) {
        String host = address.getHostAddress();
        int scope = host.indexOf('%');
        return scope < 0 ? host : host.substring(0, scope);
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(CRLF);
    }
}
