package dev.sparring.media.webrtc;

/**
 * What a datagram on the shared UDP port carries, from its first byte (RFC 7983 §7): STUN 0..3,
 * DTLS 20..63, RTP/RTCP 128..191; anything else is garbage on this port.
 */
public enum PacketKind {
    STUN, DTLS, RTP, UNKNOWN;

    public static PacketKind of(byte[] data, int off, int len) {
        if (len <= 0) {
            return UNKNOWN;
        }
        int first = data[off] & 0xff;
        if (first <= 3) {
            return STUN;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first >= 128 && first <= 191) {
            return RTP;
        }
        return UNKNOWN;
    }
}
