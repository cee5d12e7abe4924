package dev.sparring.controlplane.catalog;

import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.RowMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Practice numbers and the scenario each one runs. Stateless; thread-safe. */
public final class DialledNumberRepository {

    private static final RowMapper<DialledNumber> ROW = row -> new DialledNumber(row.getString("number"),
            Columns.uuid(row, "org_id"), row.getString("scenario_id"), Columns.instant(row, "created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    public DialledNumberRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Points {@code number} at a scenario of the organisation (creating or re-pointing it). Refuses a number that
     * belongs to another organisation.
     */
    public DialledNumber assign(UUID orgId, String number, String scenarioId) {
        return jdbc.queryOne("""
                INSERT INTO dialled_numbers (number, org_id, scenario_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (number) DO UPDATE SET scenario_id = excluded.scenario_id
                 WHERE dialled_numbers.org_id = excluded.org_id
                RETURNING *
                """, ROW, number, orgId, scenarioId, clock.instant())
                .orElseThrow(() -> new CatalogException("number " + number + " belongs to another organisation"));
    }

    /**
     * Service-level lookup for the Twilio voice webhook: the number a caller dialled resolves the organisation.
     * Only for signature-verified Twilio requests.
     */
    public Optional<DialledNumber> findByNumberAnyOrg(String number) {
        return jdbc.queryOne("SELECT * FROM dialled_numbers WHERE number = ?", ROW, number);
    }

    public Optional<DialledNumber> find(UUID orgId, String number) {
        return jdbc.queryOne("SELECT * FROM dialled_numbers WHERE org_id = ? AND number = ?", ROW, orgId, number);
    }

    public List<DialledNumber> list(UUID orgId) {
        return jdbc.query("SELECT * FROM dialled_numbers WHERE org_id = ? ORDER BY number", ROW, orgId);
    }

    /** Returns false when the organisation has no such number. */
    public boolean remove(UUID orgId, String number) {
        return jdbc.update("DELETE FROM dialled_numbers WHERE org_id = ? AND number = ?", orgId, number) == 1;
    }
}
