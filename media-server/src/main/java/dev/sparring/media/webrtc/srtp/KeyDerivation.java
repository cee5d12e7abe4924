package dev.sparring.media.webrtc.srtp;

/**
 * The SRTP key derivation function of RFC 3711 §4.3 with a key derivation rate of 0 (the only
 * rate DTLS-SRTP uses): {@code x = label || 0^48} XORed into the low 56 bits of the master salt,
 * then AES-CM keystream from {@code IV = x * 2^16} under the master key.
 */
final class KeyDerivation {
    static final int RTP_ENCRYPTION = 0x00;
    static final int RTP_AUTHENTICATION = 0x01;
    static final int RTP_SALT = 0x02;
    static final int RTCP_ENCRYPTION = 0x03;
    static final int RTCP_AUTHENTICATION = 0x04;
    static final int RTCP_SALT = 0x05;

    /** HMAC-SHA1 session authentication keys are 160 bits (RFC 3711 §4.2.1 default n_a). */
    static final int AUTH_KEY_LENGTH = 20;

    private final AesCounterMode prf;
    private final byte[] masterSalt;

    KeyDerivation(byte[] masterKey, byte[] masterSalt) {
        if (masterKey.length != SrtpProfile.KEY_LENGTH || masterSalt.length != SrtpProfile.SALT_LENGTH) {
            throw new SrtpException("master key must be 16 bytes and master salt 14 bytes");
        }
        this.prf = new AesCounterMode(masterKey);
        this.masterSalt = masterSalt.clone();
    }

    byte[] derive(int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, SrtpProfile.SALT_LENGTH);
        // key_id is 56 bits (label then 48 zero bits of index DIV kdr), right-aligned in the
        // 112-bit salt: the label byte lands on salt byte 7.
        iv[7] ^= (byte) label;
        return prf.keystream(iv, length);
    }
}
