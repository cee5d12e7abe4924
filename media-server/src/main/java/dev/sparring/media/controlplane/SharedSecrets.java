package dev.sparring.media.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The two secrets shared with the control plane (docs/contract.md): the service key and the
 * session-token signing key. Each comes from its environment variable or, failing that, from
 * {@code <data-dir>/secrets/<name>}, created atomically by whichever service starts first.
 * {@link #toString()} never reveals them.
 */
public record SharedSecrets(String serviceKey, byte[] sessionSigningKey) {
    public static final String SERVICE_KEY_ENV = "SPARRING_SERVICE_KEY";
    public static final String SIGNING_KEY_ENV = "SPARRING_SESSION_SIGNING_KEY";

    private static final SecureRandom RANDOM = new SecureRandom();

    public SharedSecrets {
        sessionSigningKey = sessionSigningKey.clone();
    }

    @Override
    public byte[] sessionSigningKey() {
        return sessionSigningKey.clone();
    }

    /** Reads both secrets from {@code env} or the data directory, creating missing files. */
    public static SharedSecrets load(Map<String, String> env, Path dataDir) {
        Path dir = dataDir.resolve("secrets");
        String serviceKey = fromEnvOrFile(env, SERVICE_KEY_ENV, dir.resolve("service-key"));
        String signingKey = fromEnvOrFile(env, SIGNING_KEY_ENV, dir.resolve("session-signing-key"));
        // The signing key is the HMAC key as its ASCII text, the same bytes the control plane uses.
        return new SharedSecrets(serviceKey, signingKey.getBytes(StandardCharsets.US_ASCII));
    }

    private static String fromEnvOrFile(Map<String, String> env, String envName, Path file) {
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            if (!Files.exists(file)) {
                createAtomically(file);
            }
            String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (value.isEmpty()) {
                throw new ControlPlaneException("secret file " + file + " is empty", false);
            }
            return value;
        } catch (IOException e) {
            throw new ControlPlaneException("cannot read or create secret file " + file, false, e);
        }
    }

    private static void createAtomically(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String line = Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n";
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, line, StandardCharsets.US_ASCII);
            try {
                // A hard link fails if the target exists, so a secret written concurrently by the
                // control plane is never overwritten.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                return;
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(file)) {
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedSecrets other && serviceKey.equals(other.serviceKey)
                && Arrays.equals(sessionSigningKey, other.sessionSigningKey);
    }

    @Override
    public int hashCode() {
        return serviceKey.hashCode() * 31 + Arrays.hashCode(sessionSigningKey);
    }

    @Override
    public String toString() {
        return "SharedSecrets[redacted]";
    }
}
