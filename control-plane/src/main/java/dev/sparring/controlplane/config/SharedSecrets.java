package dev.sparring.controlplane.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets the control plane shares with the media server (docs/contract.md): the service key
 * both use to call each other, and the key that signs session tokens. In deployments they come from
 * the environment; on embedded defaults the first service to start generates them into
 * {@code <data-dir>/secrets/} and the other reads them.
 */
public record SharedSecrets(String serviceKey, byte[] sessionSigningKey) {

    public static final String SERVICE_KEY_ENV = "SPARRING_SERVICE_KEY";
    public static final String SESSION_KEY_ENV = "SPARRING_SESSION_SIGNING_KEY";

    public static SharedSecrets resolve(Path dataDir, Map<String, String> env) {
        String service = fromEnv(env, SERVICE_KEY_ENV).orElseGet(() -> readOrCreate(dataDir.resolve("secrets/service-key")));
        String session = fromEnv(env, SESSION_KEY_ENV).orElseGet(() -> readOrCreate(dataDir.resolve("secrets/session-signing-key")));
        return new SharedSecrets(service, session.getBytes(StandardCharsets.US_ASCII));
    }

    /** A new random secret: 32 bytes, base64url without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> fromEnv(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Creates the file atomically (temp file + rename) so two services starting together agree. */
    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, newSecret() + "\n");
            try {
                // A hard link refuses to replace an existing file (rename would), so the first writer wins.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                // Another service created it first: use theirs.
            } finally {
                Files.deleteIfExists(temp);
            }
            return read(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String value = Files.readString(file).trim();
        if (value.length() < 16) {
            throw new ConfigException("secret file " + file + " holds fewer than 16 characters");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SharedSecrets[redacted]";
    }
}
