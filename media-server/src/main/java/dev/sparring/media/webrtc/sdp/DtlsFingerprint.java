package dev.sparring.media.webrtc.sdp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** A certificate fingerprint (RFC 8122 §5): hash function name and digest bytes. */
public record DtlsFingerprint(String hashFunction, byte[] digest) {
    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public DtlsFingerprint {
        hashFunction = hashFunction.toLowerCase(Locale.ROOT);
        int expected = switch (hashFunction) {
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> throw new SdpException("fingerprint hash '" + hashFunction
                    + "' is not supported (sha-256, sha-384, sha-512)");
        };
        if (digest.length != expected) {
            throw new SdpException(hashFunction + " fingerprint has " + digest.length + " bytes, expected " + expected);
        }
        digest = digest.clone();
    }

    public static DtlsFingerprint sha256(byte[] digest) {
        return new DtlsFingerprint("sha-256", digest);
    }

    /** Parses an a=fingerprint value such as {@code sha-256 AB:CD:...} (hex in either case). */
    public static DtlsFingerprint parse(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            throw new SdpException("a=fingerprint:" + value + " is not '<hash-function> <hex:hex:...>'");
        }
        String hex = parts[1];
        if (!hex.matches("\\p{XDigit}{2}(:\\p{XDigit}{2})*")) {
            throw new SdpException("a=fingerprint digest '" + hex + "' is not colon-separated hex pairs");
        }
        return new DtlsFingerprint(parts[0], HexFormat.ofDelimiter(":").parseHex(hex));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Upper-case hex pairs joined by colons, as RFC 8122 writes them. */
    public String hex() {
        return HEX.formatHex(digest);
    }

    public String sdpValue() {
        return hashFunction + " " + hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint f && hashFunction.equals(f.hashFunction) && Arrays.equals(digest, f.digest);
    }

    @Override
    public int hashCode() {
        return 31 * hashFunction.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return sdpValue();
    }
}
