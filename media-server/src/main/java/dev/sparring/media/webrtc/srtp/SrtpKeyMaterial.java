package dev.sparring.media.webrtc.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The master keys and salts DTLS-SRTP exports (RFC 5764 §4.2) for one negotiated profile.
 * The DTLS client (the browser) protects with the client key and salt, the server (us) with
 * the server key and salt. The arrays are copied in and out, so a holder cannot change them;
 * {@link #toString()} never prints key bytes, since secrets never appear in logs.
 */
public record SrtpKeyMaterial(SrtpProfile profile, byte[] clientKey, byte[] clientSalt,
                              byte[] serverKey, byte[] serverSalt) {

    public SrtpKeyMaterial {
        Objects.requireNonNull(profile, "profile");
        clientKey = checkedCopy(clientKey, SrtpProfile.KEY_LENGTH, "clientKey");
        clientSalt = checkedCopy(clientSalt, SrtpProfile.SALT_LENGTH, "clientSalt");
        serverKey = checkedCopy(serverKey, SrtpProfile.KEY_LENGTH, "serverKey");
        serverSalt = checkedCopy(serverSalt, SrtpProfile.SALT_LENGTH, "serverSalt");
    }

    /**
     * Splits the DTLS exporter output laid out as RFC 5764 §4.2 says: client key, server key,
     * client salt, server salt.
     */
    public static SrtpKeyMaterial fromExporter(SrtpProfile profile, byte[] exported) {
        int k = SrtpProfile.KEY_LENGTH;
        int s = SrtpProfile.SALT_LENGTH;
        if (exported.length != 2 * (k + s)) {
            throw new SrtpException("exporter output must be " + 2 * (k + s) + " bytes, was " + exported.length);
        }
        return new SrtpKeyMaterial(profile,
                Arrays.copyOfRange(exported, 0, k),
                Arrays.copyOfRange(exported, 2 * k, 2 * k + s),
                Arrays.copyOfRange(exported, k, 2 * k),
                Arrays.copyOfRange(exported, 2 * k + s, 2 * (k + s)));
    }

    @Override
    public byte[] clientKey() {
        return clientKey.clone();
    }

    @Override
    public byte[] clientSalt() {
        return clientSalt.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public byte[] serverSalt() {
        return serverSalt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKeyMaterial that
                && profile == that.profile
                && Arrays.equals(clientKey, that.clientKey)
                && Arrays.equals(clientSalt, that.clientSalt)
                && Arrays.equals(serverKey, that.serverKey)
                && Arrays.equals(serverSalt, that.serverSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(clientKey), Arrays.hashCode(clientSalt),
                Arrays.hashCode(serverKey), Arrays.hashCode(serverSalt));
    }

    @Override
    public String toString() {
        return "SrtpKeyMaterial[profile=" + profile + ", keys=<redacted>]";
    }

    private static byte[] checkedCopy(byte[] bytes, int length, String name) {
        Objects.requireNonNull(bytes, name);
        if (bytes.length != length) {
            throw new SrtpException(name + " must be " + length + " bytes, was " + bytes.length);
        }
        return bytes.clone();
    }
}
