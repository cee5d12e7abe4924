package dev.sparring.media.webrtc.stun;

import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA1 and CRC-32 over the parts of a STUN message that RFC 8489 §14.5 and §14.7 cover. */
final class StunCrypto {
    // Mac instances are not thread-safe; one per thread avoids a provider lookup per check.
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new StunException("HmacSHA1 is not available: " + e.getMessage());
        }
    });

    private StunCrypto() {}

    /**
     * HMAC-SHA1 of {@code msg[0..integrityOffset)} where the header's length field is replaced by
     * the length the message would have if MESSAGE-INTEGRITY were its last attribute.
     */
    static byte[] hmacSha1(byte[] key, byte[] msg, int integrityOffset) {
        if (key.length == 0) {
            throw new StunException("MESSAGE-INTEGRITY key is empty");
        }
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new StunException("HmacSHA1 refused the key: " + e.getMessage());
        }
        int adjustedLength = integrityOffset + 4 + StunMessage.INTEGRITY_LENGTH - StunMessage.HEADER_LENGTH;
        mac.update(msg, 0, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        mac.update(msg, 4, integrityOffset - 4);
        return mac.doFinal();
    }

    /** The FINGERPRINT value for a message whose FINGERPRINT attribute starts at {@code fingerprintOffset}. */
    static int fingerprint(byte[] msg, int fingerprintOffset) {
        CRC32 crc = new CRC32();
        crc.update(msg, 0, fingerprintOffset);
        return (int) crc.getValue() ^ StunMessage.FINGERPRINT_XOR;
    }
}
