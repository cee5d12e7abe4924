package dev.sparring.controlplane.tenancy;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organisations (tenants). Stateless; thread-safe. */
public final class OrganisationRepository {

    private static final RowMapper<Organisation> ROW = row -> new Organisation(
            Columns.uuid(row, "id"), row.getString("slug"), row.getString("name"),
            Columns.instant(row, "created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    public OrganisationRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Organisation create(String slug, String name) {
        return jdbc.queryOne("""
                INSERT INTO organisations (id, slug, name, created_at) VALUES (?, ?, ?, ?)
                RETURNING *
                """, ROW, UUID.randomUUID(), slug, name, clock.instant()).orElseThrow();
    }

    /** Returns the organisation with {@code slug}, creating it with {@code name} if it does not exist yet. */
    public Organisation ensure(String slug, String name) {
        jdbc.update("""
                INSERT INTO organisations (id, slug, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (slug) DO NOTHING
                """, UUID.randomUUID(), slug, name, clock.instant());
        return findBySlug(slug).orElseThrow();
    }

    public Optional<Organisation> find(UUID orgId) {
        return jdbc.queryOne("SELECT * FROM organisations WHERE id = ?", ROW, orgId);
    }

    public Optional<Organisation> findBySlug(String slug) {
        return jdbc.queryOne("SELECT * FROM organisations WHERE slug = ?", ROW, slug);
    }

    /** Every organisation: for operators and background jobs only, never for a tenant's request. */
    public List<Organisation> listAll() {
        return jdbc.query("SELECT * FROM organisations ORDER BY created_at, slug", ROW);
    }
}
