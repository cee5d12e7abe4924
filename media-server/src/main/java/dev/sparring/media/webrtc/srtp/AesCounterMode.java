package dev.sparring.media.webrtc.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as RFC 3711 §4.1.1 defines it: keystream block {@code j} is
 * {@code AES(key, IV + j)}. Built on one AES/ECB cipher initialised once, so a packet costs no
 * cipher re-initialisation and no allocation (the counter and keystream buffers are reused).
 *
 * <p>Not thread-safe: owned by one {@link SrtpContext} (or one key derivation).
 */
final class AesCounterMode {
    private static final int BLOCK = 16;

    private final Cipher ecb;
    private byte[] counters = new byte[BLOCK * 16];
    private byte[] keystream = new byte[BLOCK * 16];

    AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES is not available", e);
        }
    }

    /** XORs {@code len} bytes of {@code data} at {@code off} with the keystream starting at {@code iv}. */
    void apply(byte[] iv, byte[] data, int off, int len) {
        if (len <= 0) {
            return;
        }
        fillKeystream(iv, len);
        for (int i = 0; i < len; i++) {
            data[off + i] ^= keystream[i];
        }
    }

    /** The first {@code len} keystream bytes from {@code iv} (key derivation and tests). */
    byte[] keystream(byte[] iv, int len) {
        byte[] out = new byte[len];
        apply(iv, out, 0, len);
        return out;
    }

    private void fillKeystream(byte[] iv, int len) {
        int blocks = (len + BLOCK - 1) / BLOCK;
        int bytes = blocks * BLOCK;
        if (counters.length < bytes) {
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        for (int b = 0; b < blocks; b++) {
            int base = b * BLOCK;
            System.arraycopy(iv, 0, counters, base, BLOCK);
            addToCounter(counters, base, b);
        }
        try {
            ecb.doFinal(counters, 0, bytes, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES keystream generation failed", e);
        }
    }

    /** Adds {@code value} to the 128-bit big-endian integer at {@code base}, carrying as far as needed. */
    private static void addToCounter(byte[] block, int base, int value) {
        int carry = value;
        for (int i = base + BLOCK - 1; i >= base && carry != 0; i--) {
            int sum = (block[i] & 0xFF) + (carry & 0xFF);
            block[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
    }
}
