package dev.sparring.controlplane.catalog;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Scenarios per organisation, stored as their validated document plus the rubric. Stateless; thread-safe. */
public final class ScenarioRepository {

    private static final RowMapper<Scenario> ROW = row ->
            Scenario.fromDocument(Columns.json(row, "document"), "scenario " + row.getString("id") + " in database");

    private final Jdbc jdbc;
    private final Clock clock;

    public ScenarioRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Inserts or replaces the scenario; returns false (and touches nothing) when the stored one is identical.
     * Its persona must already exist in the organisation.
     */
    public boolean upsert(UUID orgId, Scenario scenario) {
        return jdbc.update("""
                INSERT INTO scenarios (org_id, id, title, persona_id, difficulty, rubric, document, created_at,
                                       updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, id) DO UPDATE
                   SET title = excluded.title, persona_id = excluded.persona_id, difficulty = excluded.difficulty,
                       rubric = excluded.rubric, document = excluded.document, updated_at = excluded.updated_at
                 WHERE scenarios.document IS DISTINCT FROM excluded.document
                """, orgId, scenario.id(), scenario.title(), scenario.personaId(), scenario.difficulty(),
                scenario.rubric(), scenario.toDocument(), clock.instant(), clock.instant()) == 1;
    }

    public Optional<Scenario> find(UUID orgId, String scenarioId) {
        return jdbc.queryOne("SELECT id, document FROM scenarios WHERE org_id = ? AND id = ?", ROW, orgId,
                scenarioId);
    }

    public List<Scenario> list(UUID orgId) {
        return jdbc.query("SELECT id, document FROM scenarios WHERE org_id = ? ORDER BY id", ROW, orgId);
    }
}
