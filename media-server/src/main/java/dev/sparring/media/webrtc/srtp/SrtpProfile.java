package dev.sparring.media.webrtc.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles this implementation supports (RFC 5764 §4.1.2), with the wire id
 * that DTLS {@code use_srtp} negotiates. Both use AES-128 counter mode and HMAC-SHA1; they differ
 * only in the RTP tag length (SRTCP is always tagged with 80 bits).
 */
public enum SrtpProfile {
    /** What browsers offer and what we prefer: 80-bit RTP tags. */
    AES128_CM_HMAC_SHA1_80(0x0001, 10),
    /** Same cipher, 32-bit RTP tags; accepted only when a client offers nothing better. */
    AES128_CM_HMAC_SHA1_32(0x0002, 4);

    /** AES-128 master and session key length. */
    public static final int KEY_LENGTH = 16;
    /** Master and session salt length (112 bits). */
    public static final int SALT_LENGTH = 14;
    /** SRTCP's tag is 80 bits whatever the profile (RFC 3711 §4.2, RFC 5764 §4.1.2). */
    public static final int RTCP_TAG_LENGTH = 10;

    private final int id;
    private final int rtpTagLength;

    SrtpProfile(int id, int rtpTagLength) {
        this.id = id;
        this.rtpTagLength = rtpTagLength;
    }

    /** The SRTPProtectionProfile value in the {@code use_srtp} extension. */
    public int id() {
        return id;
    }

    public int rtpTagLength() {
        return rtpTagLength;
    }

    public int rtcpTagLength() {
        return RTCP_TAG_LENGTH;
    }

    public static Optional<SrtpProfile> byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
