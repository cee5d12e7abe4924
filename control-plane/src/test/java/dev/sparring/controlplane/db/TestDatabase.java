package dev.sparring.controlplane.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL shared by every test class of the run (starting one costs about two seconds).
 * Started on first use, stopped by a shutdown hook when the test JVM exits. Tests isolate themselves by
 * calling {@link #truncateAll()} (done by {@link PostgresExtension}) before each test.
 */
public final class TestDatabase {

    private static Database shared;

    private TestDatabase() {
    }

    public static synchronized Database shared() {
        if (shared == null) {
            Database database = Database.open(DatabaseConfig.embedded(temporaryDirectory("sparring-test-db")));
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-database-stop"));
            shared = database;
        }
        return shared;
    }

    /** Empties every application table (the schema and Flyway's history stay). */
    public static void truncateAll() {
        shared().jdbc().update("""
                TRUNCATE organisations, users, api_keys, personas, scenarios, dialled_numbers, calls,
                         call_events, utterances, injections, scores, twilio_status_callbacks CASCADE
                """);
    }

    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
