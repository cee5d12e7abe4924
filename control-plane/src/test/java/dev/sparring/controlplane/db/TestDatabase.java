package dev.sparring.controlplane.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL shared by every test class of the run (starting one costs about two seconds).
 * Started on first use in {@code target/test-postgres}, stopped by a shutdown hook when the test JVM exits.
 * Tests isolate themselves by calling {@link #truncateAll()} (done by {@link PostgresExtension}) before each test.
 */
public final class TestDatabase {

    private static Database shared;

    private TestDatabase() {
    }

    public static synchronized Database shared() {
        if (shared == null) {
            Path root = Path.of("target", "test-postgres");
            removeStoppedDataDirectories(root);
            Path dataDir = temporaryDirectory(root, "shared");
            Database database = Database.open(DatabaseConfig.embedded(dataDir));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                deleteRecursively(dataDir);
            }, "test-database-stop"));
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

    /**
     * Data directories of earlier runs whose server stopped cleanly (no postmaster.pid) are removed; one still
     * in use by a concurrent test JVM keeps its pid file (or is minutes young, still starting) and is left alone.
     */
    private static void removeStoppedDataDirectories(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            Instant startingCutoff = Instant.now().minus(Duration.ofMinutes(10));
            children.filter(dir -> !Files.exists(dir.resolve("postgres").resolve("postmaster.pid")))
                    .filter(dir -> lastModified(dir).isBefore(startingCutoff))
                    .forEach(TestDatabase::deleteRecursively);
        } catch (IOException | UncheckedIOException e) {
            // Stale directories only cost disk space.
        }
    }

    private static Instant lastModified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    /** Best effort: a PostgreSQL data directory is tens of megabytes, so do not leave one per test run. */
    public static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Leaving a temporary directory behind must not fail a test run.
        }
    }

    /** A fresh directory in the system temporary directory. */
    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory under {@code parent}, created if needed. */
    public static Path temporaryDirectory(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
