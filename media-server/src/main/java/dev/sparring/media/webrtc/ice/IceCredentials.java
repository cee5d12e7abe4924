package dev.sparring.media.webrtc.ice;

import java.security.SecureRandom;

/**
 * An ICE username fragment and password (RFC 8839 §5.4): ufrag 4-256 and password 22-256
 * ice-chars (ALPHA / DIGIT / "+" / "/").
 */
public record IceCredentials(String ufrag, String password) {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_UFRAG_LENGTH = 8;
    // 24 chars of 6 bits = 144 bits, above the 128 bits RFC 8445 §5.3 asks for.
    private static final int RANDOM_PASSWORD_LENGTH = 24;

    public IceCredentials {
        check("ufrag", ufrag, 4);
        check("password", password, 22);
    }

    /** Fresh local credentials from SecureRandom. */
    public static IceCredentials random() {
        return new IceCredentials(randomChars(RANDOM_UFRAG_LENGTH), randomChars(RANDOM_PASSWORD_LENGTH));
    }

    private static String randomChars(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    private static void check(String what, String value, int min) {
        if (value.length() < min || value.length() > 256) {
            throw new IceException("ICE " + what + " must be " + min + "-256 characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IceException("ICE " + what + " has a character outside ALPHA / DIGIT / + / at index " + i);
            }
        }
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=<" + password.length() + " chars>]";
    }
}
