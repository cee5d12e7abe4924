package dev.sparring.controlplane.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @Test
    void embeddedDataSurvivesARestartOnTheSameDataDirectoryAndReusesThePort(@TempDir Path dataDir) {
        UUID org = UUID.randomUUID();
        int firstPort;
        try (Database first = Database.open(DatabaseConfig.embedded(dataDir))) {
            first.jdbc().update("INSERT INTO organisations (id, slug, name, created_at) VALUES (?, ?, ?, ?)",
                    org, "acme", "Acme", Instant.now());
            firstPort = first.embeddedPort().orElseThrow();
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
        try (Database second = Database.open(DatabaseConfig.embedded(dataDir))) {
            assertThat(second.jdbc().queryOne("SELECT name FROM organisations WHERE id = ?",
                    row -> row.getString("name"), org)).contains("Acme");
            assertThat(second.embeddedPort()).contains(firstPort);
        }
    }

    @Test
    void transactionRollsBackEverythingWhenWorkFails() {
        Jdbc jdbc = TestDatabase.shared().jdbc();
        TestDatabase.truncateAll();
        UUID org = UUID.randomUUID();
        assertThatThrownBy(() -> jdbc.inTransaction(connection -> {
            jdbc.update("INSERT INTO organisations (id, slug, name, created_at) VALUES (?, ?, ?, ?)",
                    org, "rolled-back", "Gone", Instant.now());
            // The same slug again violates the unique constraint and must undo the first insert too.
            return jdbc.update("INSERT INTO organisations (id, slug, name, created_at) VALUES (?, ?, ?, ?)",
                    UUID.randomUUID(), "rolled-back", "Gone", Instant.now());
        })).isInstanceOf(DatabaseException.class).hasMessageContaining("23505");
        assertThat(jdbc.queryOne("SELECT slug FROM organisations WHERE id = ?", row -> row.getString(1), org))
                .isEmpty();
    }

    @Test
    void externalJdbcUrlIsUsedAsIsAndMigrationsAreIdempotent(@TempDir Path unusedDataDir) {
        Database shared = TestDatabase.shared();
        String url = "jdbc:postgresql://localhost:" + shared.embeddedPort().orElseThrow() + "/postgres";
        try (Database external = Database.open(
                new DatabaseConfig(Optional.of(url), "postgres", "", unusedDataDir, 2, 0))) {
            assertThat(external.embeddedPort()).isEmpty();
            assertThat(external.jdbc().queryOne("SELECT count(*) FROM flyway_schema_history WHERE success",
                    row -> row.getLong(1))).contains(1L);
        }
        assertThat(Files.exists(unusedDataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void configRejectsANonPostgresUrlNamingTheKey() {
        assertThatThrownBy(() -> new DatabaseConfig(Optional.of("jdbc:mysql://x"), "u", "p", Path.of("."), 5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc-url");
        assertThatThrownBy(() -> new DatabaseConfig(Optional.empty(), "u", "p", Path.of("."), 0, 0))
                .hasMessageContaining("pool-size");
    }
}
