package dev.sparring.controlplane.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's PostgreSQL: an embedded server whose data directory survives restarts, or an
 * external one by JDBC URL; a HikariCP pool on top; Flyway migrations applied on open.
 *
 * <p>Owns the embedded server process (if any) and the pool, and releases both on {@link #close()}.
 * Thread-safe once opened; {@link #open} and {@link #close} are called by the owner's lifecycle thread.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String PORT_FILE = "postgres-port";

    private final Optional<EmbeddedPostgres> embedded;
    private final HikariDataSource pool;
    private final Jdbc jdbc;

    private Database(Optional<EmbeddedPostgres> embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbc = new Jdbc(pool);
    }

    /** Starts (or connects to) PostgreSQL, opens the pool and migrates the schema to the latest version. */
    public static Database open(DatabaseConfig config) {
        Optional<EmbeddedPostgres> embedded = config.isEmbedded() ? Optional.of(startEmbedded(config)) : Optional.empty();
        try {
            String url = config.jdbcUrl().orElseGet(() -> embedded.orElseThrow().getJdbcUrl("postgres", "postgres"));
            HikariDataSource pool = pool(config, url);
            try {
                migrate(pool);
                return new Database(embedded, pool);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        } catch (RuntimeException e) {
            embedded.ifPresent(postgres -> {
                try {
                    stop(postgres);
                } catch (DatabaseException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            });
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** The port of the embedded server, if this database is embedded. */
    public Optional<Integer> embeddedPort() {
        return embedded.map(EmbeddedPostgres::getPort);
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(Database::stop);
    }

    private static EmbeddedPostgres startEmbedded(DatabaseConfig config) {
        Path directory = config.dataDir().resolve("postgres");
        try {
            Files.createDirectories(directory);
            int port = config.embeddedPort() != 0 ? config.embeddedPort() : rememberedFreePort(config.dataDir());
            log.info("Starting embedded PostgreSQL in {} on port {}", directory, port);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new DatabaseException("cannot start embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reuses the port chosen on an earlier start when it is still free, so tools pointed at the embedded
     * server keep working across restarts; otherwise picks and records a new free one.
     */
    private static int rememberedFreePort(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PORT_FILE);
        if (Files.exists(file)) {
            try {
                int remembered = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (isFree(remembered)) {
                    return remembered;
                }
                log.warn("Remembered embedded PostgreSQL port {} is taken; choosing another", remembered);
            } catch (NumberFormatException e) {
                log.warn("Ignoring unreadable {}", file);
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path temp = Files.createTempFile(dataDir, PORT_FILE, ".tmp");
        Files.writeString(temp, Integer.toString(port), StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HikariDataSource pool(DatabaseConfig config, String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("control-plane");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.isEmbedded() ? "postgres" : config.user());
        hikari.setPassword(config.isEmbedded() ? "" : config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info("Database schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new DatabaseException("database migration failed: " + e.getMessage(), e);
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new DatabaseException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
