package dev.sparring.media.webrtc.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP and SRTCP (RFC 3711) for one direction of one DTLS-SRTP association: AES-128 counter mode
 * with HMAC-SHA1 tags, session keys derived once with a key derivation rate of 0.
 *
 * <p>Owns the session keys, one reusable AES cipher and HMAC per packet kind, and per-SSRC state:
 * for sending, the highest index sent (whence the rollover counter) and the SRTCP index; for
 * receiving, the highest authenticated index and a {@value ReplayWindow#SIZE}-packet replay
 * window. A context is not thread-safe: exactly one thread at a time (the peer's event loop) uses
 * it. Inbound and outbound contexts are separate objects, so they may live on different threads.
 *
 * <p>State only changes after a packet authenticates, so forged or replayed packets cannot move
 * the rollover counter or the window.
 */
public final class SrtpContext {
    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX = 4;
    private static final long SRTCP_INDEX_MASK = 0x7FFF_FFFFL;
    private static final int E_FLAG = 0x8000_0000;

    private final SrtpProfile profile;
    private final AesCounterMode rtpCipher;
    private final AesCounterMode rtcpCipher;
    private final Mac rtpMac;
    private final Mac rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;

    private final byte[] iv = new byte[16];
    private final byte[] digest = new byte[20];
    private final byte[] roc = new byte[4];

    private final Map<Integer, RtpStream> rtpSenders = new HashMap<>();
    private final Map<Integer, RtpStream> rtpReceivers = new HashMap<>();
    private final Map<Integer, RtcpStream> rtcpSenders = new HashMap<>();
    private final Map<Integer, RtcpStream> rtcpReceivers = new HashMap<>();
    // An audio peer has one SSRC per direction: remembering the last one skips boxing and hashing.
    private RtpStream lastRtpStream;
    private int lastRtpSsrc;
    private boolean lastRtpSending;

    private SrtpContext(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        this.profile = profile;
        KeyDerivation kdf = new KeyDerivation(masterKey, masterSalt);
        this.rtpCipher = new AesCounterMode(kdf.derive(KeyDerivation.RTP_ENCRYPTION, SrtpProfile.KEY_LENGTH));
        this.rtpMac = hmac(kdf.derive(KeyDerivation.RTP_AUTHENTICATION, KeyDerivation.AUTH_KEY_LENGTH));
        this.rtpSalt = kdf.derive(KeyDerivation.RTP_SALT, SrtpProfile.SALT_LENGTH);
        this.rtcpCipher = new AesCounterMode(kdf.derive(KeyDerivation.RTCP_ENCRYPTION, SrtpProfile.KEY_LENGTH));
        this.rtcpMac = hmac(kdf.derive(KeyDerivation.RTCP_AUTHENTICATION, KeyDerivation.AUTH_KEY_LENGTH));
        this.rtcpSalt = kdf.derive(KeyDerivation.RTCP_SALT, SrtpProfile.SALT_LENGTH);
    }

    /** For packets from the DTLS client (the browser): the client's master key and salt. */
    public static SrtpContext forInbound(SrtpKeyMaterial keys) {
        return new SrtpContext(keys.profile(), keys.clientKey(), keys.clientSalt());
    }

    /** For packets we send as the DTLS server: the server's master key and salt. */
    public static SrtpContext forOutbound(SrtpKeyMaterial keys) {
        return new SrtpContext(keys.profile(), keys.serverKey(), keys.serverSalt());
    }

    /** A context from one master key and salt, as SDES or a test vector gives them. */
    public static SrtpContext of(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        return new SrtpContext(profile, masterKey, masterSalt);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Encrypts the payload of one RTP packet and appends its tag.
     *
     * @return a new array: the SRTP packet
     * @throws SrtpException if the bytes are not an RTP version 2 packet
     */
    public byte[] protectRtp(byte[] rtp, int off, int len) {
        int header = rtpHeaderLength(rtp, off, len);
        if (header < 0) {
            throw new SrtpException("not an RTP packet (" + len + " bytes)");
        }
        int ssrc = readInt(rtp, off + 8);
        int seq = readUnsignedShort(rtp, off + 2);
        RtpStream stream = rtpStream(ssrc, true);
        long index = estimateIndex(stream.highest, seq);
        if (index < 0) {
            // A sequence number from before the stream's first packet: keep ROC 0 rather than fail a send.
            index = seq;
        }
        if (index > stream.highest) {
            stream.highest = index;
        }

        int tagLength = profile.rtpTagLength();
        byte[] out = new byte[len + tagLength];
        System.arraycopy(rtp, off, out, 0, len);
        rtpIv(ssrc, index);
        rtpCipher.apply(iv, out, header, len - header);
        rtpTag(out, 0, len, index >>> 16);
        System.arraycopy(digest, 0, out, len, tagLength);
        return out;
    }

    /** Authenticates, replay-checks and decrypts one SRTP packet. */
    public SrtpResult unprotectRtp(byte[] srtp, int off, int len) {
        int tagLength = profile.rtpTagLength();
        if (len < RTP_HEADER + tagLength) {
            return new SrtpResult.Failed(SrtpFailure.TRUNCATED);
        }
        int authenticated = len - tagLength;
        int header = rtpHeaderLength(srtp, off, authenticated);
        if (header < 0) {
            return new SrtpResult.Failed(SrtpFailure.MALFORMED);
        }
        int ssrc = readInt(srtp, off + 8);
        int seq = readUnsignedShort(srtp, off + 2);
        RtpStream known = knownRtpStream(ssrc);
        long highest = known == null ? -1 : known.highest;
        long index = estimateIndex(highest, seq);
        if (index < 0) {
            return new SrtpResult.Failed(SrtpFailure.TOO_OLD);
        }
        SrtpFailure replay = replayCheck(known == null ? null : known.window, highest, index);
        if (replay != null) {
            return new SrtpResult.Failed(replay);
        }
        rtpTag(srtp, off, authenticated, index >>> 16);
        if (!tagMatches(srtp, off + authenticated, tagLength)) {
            return new SrtpResult.Failed(SrtpFailure.AUTH_FAILED);
        }

        byte[] out = Arrays.copyOfRange(srtp, off, off + authenticated);
        rtpIv(ssrc, index);
        rtpCipher.apply(iv, out, header, authenticated - header);
        RtpStream stream = known != null ? known : rtpStream(ssrc, false);
        accept(stream.window, stream.highest, index);
        stream.highest = Math.max(stream.highest, index);
        return new SrtpResult.Ok(out);
    }

    /**
     * Encrypts one (compound) RTCP packet after its first 8 bytes, appends E flag and SRTCP index,
     * and the 80-bit tag. The first index per SSRC is 1, as libsrtp (and so browsers) send it.
     *
     * @throws SrtpException if the bytes are not an RTCP version 2 packet
     */
    public byte[] protectRtcp(byte[] rtcp, int off, int len) {
        if (len < RTCP_HEADER || (rtcp[off] & 0xC0) != 0x80) {
            throw new SrtpException("not an RTCP packet (" + len + " bytes)");
        }
        int ssrc = readInt(rtcp, off + 4);
        RtcpStream stream = rtcpSenders.computeIfAbsent(ssrc, s -> new RtcpStream());
        stream.highest = (Math.max(stream.highest, 0) + 1) & SRTCP_INDEX_MASK;
        long index = stream.highest;

        byte[] out = new byte[len + SRTCP_INDEX + SrtpProfile.RTCP_TAG_LENGTH];
        System.arraycopy(rtcp, off, out, 0, len);
        rtcpIv(ssrc, index);
        rtcpCipher.apply(iv, out, RTCP_HEADER, len - RTCP_HEADER);
        writeInt(out, len, E_FLAG | (int) index);
        rtcpTag(out, 0, len + SRTCP_INDEX);
        System.arraycopy(digest, 0, out, len + SRTCP_INDEX, SrtpProfile.RTCP_TAG_LENGTH);
        return out;
    }

    /** Authenticates, replay-checks and (if its E flag says so) decrypts one SRTCP packet. */
    public SrtpResult unprotectRtcp(byte[] srtcp, int off, int len) {
        int trailer = SRTCP_INDEX + SrtpProfile.RTCP_TAG_LENGTH;
        if (len < RTCP_HEADER + trailer) {
            return new SrtpResult.Failed(SrtpFailure.TRUNCATED);
        }
        if ((srtcp[off] & 0xC0) != 0x80) {
            return new SrtpResult.Failed(SrtpFailure.MALFORMED);
        }
        int ssrc = readInt(srtcp, off + 4);
        int plainLength = len - trailer;
        int eAndIndex = readInt(srtcp, off + plainLength);
        boolean encrypted = (eAndIndex & E_FLAG) != 0;
        long index = eAndIndex & SRTCP_INDEX_MASK;

        RtcpStream known = rtcpReceivers.get(ssrc);
        long highest = known == null ? -1 : known.highest;
        SrtpFailure replay = replayCheck(known == null ? null : known.window, highest, index);
        if (replay != null) {
            return new SrtpResult.Failed(replay);
        }
        rtcpTag(srtcp, off, plainLength + SRTCP_INDEX);
        if (!tagMatches(srtcp, off + plainLength + SRTCP_INDEX, SrtpProfile.RTCP_TAG_LENGTH)) {
            return new SrtpResult.Failed(SrtpFailure.AUTH_FAILED);
        }

        byte[] out = Arrays.copyOfRange(srtcp, off, off + plainLength);
        if (encrypted) {
            rtcpIv(ssrc, index);
            rtcpCipher.apply(iv, out, RTCP_HEADER, plainLength - RTCP_HEADER);
        }
        RtcpStream stream = known != null ? known : rtcpReceivers.computeIfAbsent(ssrc, s -> new RtcpStream());
        accept(stream.window, stream.highest, index);
        stream.highest = Math.max(stream.highest, index);
        return new SrtpResult.Ok(out);
    }

    /**
     * RFC 3711 Appendix A: the index whose rollover counter is closest to the highest index seen,
     * or -1 when the packet would precede the stream's first index.
     */
    static long estimateIndex(long highest, int seq) {
        if (highest < 0) {
            return seq;
        }
        long rollover = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long guess;
        if (last < 32768) {
            guess = seq - last > 32768 ? rollover - 1 : rollover;
        } else {
            guess = last - 32768 > seq ? rollover + 1 : rollover;
        }
        return guess < 0 ? -1 : (guess << 16) | seq;
    }

    private static SrtpFailure replayCheck(ReplayWindow window, long highest, long index) {
        if (window == null || index > highest) {
            return null;
        }
        long delta = highest - index;
        if (delta >= ReplayWindow.SIZE) {
            return SrtpFailure.TOO_OLD;
        }
        return window.seen(delta) ? SrtpFailure.REPLAYED : null;
    }

    private static void accept(ReplayWindow window, long highest, long index) {
        if (index > highest) {
            window.advance(highest < 0 ? ReplayWindow.SIZE : index - highest);
        } else {
            window.mark(highest - index);
        }
    }

    private RtpStream knownRtpStream(int ssrc) {
        if (lastRtpStream != null && lastRtpSsrc == ssrc && !lastRtpSending) {
            return lastRtpStream;
        }
        RtpStream stream = rtpReceivers.get(ssrc);
        if (stream != null) {
            lastRtpStream = stream;
            lastRtpSsrc = ssrc;
            lastRtpSending = false;
        }
        return stream;
    }

    private RtpStream rtpStream(int ssrc, boolean sending) {
        if (lastRtpStream != null && lastRtpSsrc == ssrc && lastRtpSending == sending) {
            return lastRtpStream;
        }
        RtpStream stream = (sending ? rtpSenders : rtpReceivers).computeIfAbsent(ssrc, s -> new RtpStream());
        lastRtpStream = stream;
        lastRtpSsrc = ssrc;
        lastRtpSending = sending;
        return stream;
    }

    /** RFC 3711 §4.1.1: IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16). */
    private void rtpIv(int ssrc, long index) {
        buildIv(rtpSalt, ssrc, index);
    }

    private void rtcpIv(int ssrc, long index) {
        buildIv(rtcpSalt, ssrc, index);
    }

    private void buildIv(byte[] salt, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, SrtpProfile.SALT_LENGTH);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
    }

    /** HMAC over the authenticated portion followed by the 32-bit rollover counter (RFC 3711 §4.2). */
    private void rtpTag(byte[] packet, int off, int len, long rolloverCounter) {
        writeInt(roc, 0, (int) rolloverCounter);
        rtpMac.update(packet, off, len);
        rtpMac.update(roc, 0, 4);
        finish(rtpMac);
    }

    private void rtcpTag(byte[] packet, int off, int len) {
        rtcpMac.update(packet, off, len);
        finish(rtcpMac);
    }

    private void finish(Mac mac) {
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new SrtpException("HMAC output buffer too small", e);
        }
    }

    /** Compares in time independent of where the first difference is. */
    private boolean tagMatches(byte[] packet, int tagOffset, int tagLength) {
        int diff = 0;
        for (int i = 0; i < tagLength; i++) {
            diff |= digest[i] ^ packet[tagOffset + i];
        }
        return diff == 0;
    }

    /** The RTP header length including CSRCs and extension, or -1 if it is not a v2 header within {@code len}. */
    private static int rtpHeaderLength(byte[] packet, int off, int len) {
        if (len < RTP_HEADER || (packet[off] & 0xC0) != 0x80) {
            return -1;
        }
        int header = RTP_HEADER + 4 * (packet[off] & 0x0F);
        if ((packet[off] & 0x10) != 0) {
            if (header + 4 > len) {
                return -1;
            }
            header += 4 + 4 * readUnsignedShort(packet, off + header + 2);
        }
        return header <= len ? header : -1;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new SrtpException("HmacSHA1 is not available", e);
        }
    }

    private static int readUnsignedShort(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int off, int value) {
        b[off] = (byte) (value >>> 24);
        b[off + 1] = (byte) (value >>> 16);
        b[off + 2] = (byte) (value >>> 8);
        b[off + 3] = (byte) value;
    }

    /** Per-SSRC RTP state: the highest index (rollover counter and sequence number) and, receiving, the window. */
    private static final class RtpStream {
        long highest = -1;
        final ReplayWindow window = new ReplayWindow();
    }

    /** Per-SSRC SRTCP state: the last index sent, or the highest received and the window. */
    private static final class RtcpStream {
        long highest = -1;
        final ReplayWindow window = new ReplayWindow();
    }
}
