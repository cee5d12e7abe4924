package dev.sparring.controlplane.catalog;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Personas per organisation, stored as their validated document. Stateless; thread-safe. */
public final class PersonaRepository {

    private static final RowMapper<Persona> ROW = row ->
            Persona.fromDocument(Columns.json(row, "document"), "persona " + row.getString("id") + " in database");

    private final Jdbc jdbc;
    private final Clock clock;

    public PersonaRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts or replaces the persona; returns false (and touches nothing) when the stored one is identical. */
    public boolean upsert(UUID orgId, Persona persona) {
        return jdbc.update("""
                INSERT INTO personas (org_id, id, name, difficulty, document, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, id) DO UPDATE
                   SET name = excluded.name, difficulty = excluded.difficulty, document = excluded.document,
                       updated_at = excluded.updated_at
                 WHERE personas.document IS DISTINCT FROM excluded.document
                """, orgId, persona.id(), persona.name(), persona.difficulty(), persona.toDocument(),
                clock.instant(), clock.instant()) == 1;
    }

    public Optional<Persona> find(UUID orgId, String personaId) {
        return jdbc.queryOne("SELECT id, document FROM personas WHERE org_id = ? AND id = ?", ROW, orgId, personaId);
    }

    public List<Persona> list(UUID orgId) {
        return jdbc.query("SELECT id, document FROM personas WHERE org_id = ? ORDER BY id", ROW, orgId);
    }
}
