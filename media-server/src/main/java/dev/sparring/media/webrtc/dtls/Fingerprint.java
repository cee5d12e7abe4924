package dev.sparring.media.webrtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as SDP carries it ({@code a=fingerprint:sha-256 AB:CD:...}, RFC 8122):
 * the hash function's SDP name and the digest of the DER certificate. Only SHA-256, SHA-384 and
 * SHA-512 are accepted, as WebRTC requires (RFC 8827 §6.5).
 */
public record Fingerprint(String algorithm, byte[] digest) {

    public Fingerprint {
        algorithm = Objects.requireNonNull(algorithm, "algorithm").toLowerCase(Locale.ROOT);
        javaAlgorithm(algorithm);
        int expected = switch (algorithm) {
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> 32;
        };
        if (digest.length != expected) {
            throw new DtlsException(algorithm + " fingerprint has " + digest.length + " bytes, expected " + expected);
        }
        digest = digest.clone();
    }

    /** A SHA-256 fingerprint from its digest. */
    public static Fingerprint sha256(byte[] digest) {
        return new Fingerprint("sha-256", digest);
    }

    /** Parses an SDP fingerprint attribute value: {@code "sha-256 AB:CD:..."}. */
    public static Fingerprint parse(String sdpValue) {
        String[] parts = sdpValue.trim().split("\\s+");
        if (parts.length != 2) {
            throw new DtlsException("a fingerprint must be '<hash-function> <hex pairs>', was: " + sdpValue);
        }
        return new Fingerprint(parts[0], parseHex(parts[1]));
    }

    /** The fingerprint of a DER-encoded certificate under the given SDP hash name (case-insensitive). */
    public static Fingerprint of(String algorithm, byte[] certificateDer) {
        String name = algorithm.toLowerCase(Locale.ROOT);
        return new Fingerprint(name, hash(name, certificateDer));
    }

    /** True when the DER certificate hashes to this digest (compared in constant time). */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(digest, hash(algorithm, certificateDer));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Upper-case hex pairs joined by colons, as the SDP attribute writes them. */
    public String hex() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** The whole attribute value: {@code "sha-256 AB:CD:..."}. */
    public String sdpValue() {
        return algorithm + " " + hex();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && algorithm.equals(that.algorithm) && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return sdpValue();
    }

    private static byte[] hash(String algorithm, byte[] der) {
        try {
            return MessageDigest.getInstance(javaAlgorithm(algorithm)).digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new DtlsException("hash " + algorithm + " is not available", e);
        }
    }

    private static String javaAlgorithm(String sdpName) {
        return switch (sdpName) {
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new DtlsException("unsupported fingerprint hash function: " + sdpName);
        };
    }

    private static byte[] parseHex(String pairs) {
        try {
            return HexFormat.ofDelimiter(":").parseHex(pairs);
        } catch (IllegalArgumentException e) {
            throw new DtlsException("a fingerprint digest must be colon-separated hex pairs, was: " + pairs + " (not colon-separated hex pairs)", e);
        }
    }
}
