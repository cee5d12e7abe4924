package dev.sparring.controlplane.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the control plane keeps its data.
 *
 * @param jdbcUrl      an external PostgreSQL server ({@code jdbc:postgresql://…}); when empty an embedded
 *                     PostgreSQL is started with its data in {@code <dataDir>/postgres}
 * @param user         user for the external server (ignored for the embedded one, which uses {@code postgres})
 * @param password     password for the external server
 * @param dataDir      the control plane's data directory
 * @param poolSize     HikariCP maximum pool size; {@link #DEFAULT_POOL_SIZE} by default
 * @param embeddedPort port of the embedded server; 0 picks a free port on first start and remembers it in
 *                     {@code <dataDir>/postgres-port} so later starts reuse it while it is free
 */
public record DatabaseConfig(Optional<String> jdbcUrl, String user, String password, Path dataDir, int poolSize,
                             int embeddedPort) {

    /**
     * Ingestion holds a connection for one short transaction per batch and the API a few at a time;
     * ten covers both with headroom and stays far below PostgreSQL's default of 100 connections.
     */
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDir, "dataDir");
        jdbcUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("database jdbc-url must start with jdbc:postgresql: but was " + url);
            }
        });
        if (poolSize < 1) {
            throw new IllegalArgumentException("database pool-size must be at least 1 but was " + poolSize);
        }
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("database embedded-port must be 0..65535 but was " + embeddedPort);
        }
    }

    /** An embedded server in {@code <dataDir>/postgres} on a remembered free port, with the default pool size. */
    public static DatabaseConfig embedded(Path dataDir) {
        return new DatabaseConfig(Optional.empty(), "postgres", "", dataDir, DEFAULT_POOL_SIZE, 0);
    }

    public boolean isEmbedded() {
        return jdbcUrl.isEmpty();
    }

    /** {@code user}/{@code password} are secrets' neighbours: keep the password out of logs and toString. */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl.orElse("(embedded)") + ", user=" + user + ", dataDir=" + dataDir
                + ", poolSize=" + poolSize + ", embeddedPort=" + embeddedPort + "]";
    }
}
