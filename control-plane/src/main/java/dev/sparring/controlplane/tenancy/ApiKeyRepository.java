package dev.sparring.controlplane.tenancy;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-organisation API keys. A key is {@code sk_} followed by 32 random bytes in base64url (no padding);
 * only its SHA-256 and a short prefix are stored, so a database leak does not leak usable keys. A full
 * hash of a 256-bit random secret needs no salt or slow KDF: it cannot be brute-forced.
 *
 * <p>Stateless apart from the thread-safe {@link SecureRandom}; thread-safe.
 */
public final class ApiKeyRepository {

    public static final String KEY_PREFIX = "sk_";
    /** {@code sk_} plus eight characters: enough to tell keys apart in a listing, useless to an attacker. */
    static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 8;
    /** Keys supplied from outside (SPARRING_API_KEY) must be at least this long. */
    static final int MINIMUM_IMPORTED_LENGTH = 24;

    private static final RowMapper<ApiKey> ROW = row -> new ApiKey(
            Columns.uuid(row, "id"), Columns.uuid(row, "org_id"), Columns.uuid(row, "user_id"),
            row.getString("name"), row.getString("prefix"), Columns.instant(row, "created_at"),
            Columns.optionalInstant(row, "last_used_at"), Columns.optionalInstant(row, "revoked_at"));

    private final Jdbc jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates a key acting as {@code userId}; the plaintext in the result is the only copy there will ever be. */
    public CreatedApiKey create(UUID orgId, UUID userId, String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String plaintext = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new CreatedApiKey(insert(orgId, userId, name, plaintext).orElseThrow(), plaintext);
    }

    /**
     * Stores the hash of a key chosen outside (e.g. {@code SPARRING_API_KEY}); idempotent, so calling it on every
     * start is safe. Returns the stored key, or empty when the same key is already registered to another user.
     */
    public Optional<ApiKey> importKey(UUID orgId, UUID userId, String name, String plaintext) {
        if (plaintext.strip().length() < MINIMUM_IMPORTED_LENGTH) {
            throw new TenancyException("an imported API key must be at least " + MINIMUM_IMPORTED_LENGTH
                    + " characters long");
        }
        insert(orgId, userId, name, plaintext);
        return jdbc.queryOne("SELECT * FROM api_keys WHERE key_hash = ? AND org_id = ? AND user_id = ?",
                ROW, sha256(plaintext), orgId, userId);
    }

    /**
     * Service-level lookup: resolves the organisation and user from a presented key. Unknown and revoked keys
     * give empty. Records the time of use.
     */
    public Optional<Principal> authenticate(String presentedKey) {
        return jdbc.queryOne("""
                UPDATE api_keys k SET last_used_at = ?
                FROM users u
                WHERE k.key_hash = ? AND k.revoked_at IS NULL AND u.id = k.user_id AND u.org_id = k.org_id
                RETURNING k.org_id, k.user_id, u.role
                """, row -> new Principal(Columns.uuid(row, "org_id"), Columns.uuid(row, "user_id"),
                        Role.fromDb(row.getString("role"))),
                clock.instant(), sha256(presentedKey));
    }

    public List<ApiKey> list(UUID orgId) {
        return jdbc.query("SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at DESC, id", ROW, orgId);
    }

    public List<ApiKey> listForUser(UUID orgId, UUID userId) {
        return jdbc.query("SELECT * FROM api_keys WHERE org_id = ? AND user_id = ? ORDER BY created_at DESC, id",
                ROW, orgId, userId);
    }

    /** Returns false when no unrevoked key {@code keyId} exists in this organisation. */
    public boolean revoke(UUID orgId, UUID keyId) {
        return jdbc.update("UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL",
                clock.instant(), orgId, keyId) == 1;
    }

    private Optional<ApiKey> insert(UUID orgId, UUID userId, String name, String plaintext) {
        String prefix = plaintext.substring(0, Math.min(SHOWN_PREFIX_LENGTH, plaintext.length() / 3));
        return jdbc.queryOne("""
                INSERT INTO api_keys (id, org_id, user_id, name, prefix, key_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key_hash) DO NOTHING
                RETURNING *
                """, ROW, UUID.randomUUID(), orgId, userId, name, prefix, sha256(plaintext), clock.instant());
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
