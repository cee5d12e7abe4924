package dev.sparring.controlplane.tenancy;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Members of organisations. Every method is scoped by organisation. Stateless; thread-safe. */
public final class UserRepository {

    static final RowMapper<User> ROW = row -> new User(
            Columns.uuid(row, "id"), Columns.uuid(row, "org_id"), row.getString("email"),
            row.getString("display_name"), Role.fromDb(row.getString("role")),
            Columns.optionalString(row, "phone"), Columns.optionalString(row, "preferred_scenario_id"),
            Columns.instant(row, "created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    public UserRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public User create(UUID orgId, NewUser user) {
        return jdbc.queryOne("""
                INSERT INTO users (id, org_id, email, display_name, role, phone, preferred_scenario_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING *
                """, ROW, UUID.randomUUID(), orgId, user.email(), user.displayName(), user.role(), user.phone(),
                user.preferredScenarioId(), clock.instant()).orElseThrow();
    }

    public Optional<User> find(UUID orgId, UUID userId) {
        return jdbc.queryOne("SELECT * FROM users WHERE org_id = ? AND id = ?", ROW, orgId, userId);
    }

    public Optional<User> findByEmail(UUID orgId, String email) {
        return jdbc.queryOne("SELECT * FROM users WHERE org_id = ? AND email = ?", ROW, orgId, email);
    }

    /** The rep who calls from {@code phone} (E.164), for mapping an inbound call on one of the org's numbers. */
    public Optional<User> findByPhone(UUID orgId, String phone) {
        return jdbc.queryOne("SELECT * FROM users WHERE org_id = ? AND phone = ?", ROW, orgId, phone);
    }

    public List<User> list(UUID orgId) {
        return jdbc.query("SELECT * FROM users WHERE org_id = ? ORDER BY created_at, email", ROW, orgId);
    }

    /** Returns false when the user does not exist in this organisation. */
    public boolean setPreferredScenario(UUID orgId, UUID userId, Optional<String> scenarioId) {
        return jdbc.update("UPDATE users SET preferred_scenario_id = ? WHERE org_id = ? AND id = ?",
                scenarioId, orgId, userId) == 1;
    }

    /** Returns false when the user does not exist in this organisation. */
    public boolean setPhone(UUID orgId, UUID userId, Optional<String> phone) {
        return jdbc.update("UPDATE users SET phone = ? WHERE org_id = ? AND id = ?", phone, orgId, userId) == 1;
    }
}
