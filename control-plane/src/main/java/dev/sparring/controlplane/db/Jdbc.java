package dev.sparring.controlplane.db;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;

/**
 * Thin plain-JDBC helper the repositories share: parameter binding, row mapping and transactions.
 *
 * <p>Owns a per-thread "current transaction" connection: inside {@link #inTransaction} every repository
 * call made on the same thread joins that transaction, so a service can compose several repositories
 * into one atomic unit without passing connections around. Outside a transaction each call borrows a
 * pooled connection in auto-commit mode. Safe for use from any number of threads.
 *
 * <p>Binding rules: {@link UUID}, {@link String}, numbers and booleans as themselves; {@link Instant} as
 * {@code timestamptz} truncated to microseconds (PostgreSQL's precision, so values round-trip equal);
 * {@link JsonNode} as {@code jsonb}; {@link Optional} unwrapped (empty is SQL NULL); {@link SqlArray} as an
 * array; {@link DbEnum} as its database text; {@code byte[]} as {@code bytea}; {@code null} as SQL NULL.
 */
public final class Jdbc {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

    public Jdbc(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Runs {@code work} in one transaction (joining the thread's current one if any), committing on success. */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        Connection joined = transaction.get();
        if (joined != null) {
            return call(joined, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw new DatabaseException(describe(e), e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                transaction.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(describe(e), e);
        }
    }

    /** Runs {@code work} on the thread's transaction connection if any, otherwise on a pooled auto-commit one. */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        Connection joined = transaction.get();
        if (joined != null) {
            return call(joined, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DatabaseException(describe(e), e);
        }
    }

    /** Executes an INSERT/UPDATE/DELETE and returns the number of rows it touched. */
    public int update(String sql, Object... params) {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs a query (or a DML statement with {@code RETURNING}) and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            }
        });
    }

    /** Like {@link #query} for at most one row. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        if (rows.size() > 1) {
            throw new DatabaseException("expected at most one row but got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    /** PostgreSQL keeps microseconds; truncating on the way in makes stored instants compare equal on the way out. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void bind(Connection connection, PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bindOne(connection, statement, i + 1, params[i]);
        }
    }

    private static void bindOne(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Optional<?> optional -> bindOne(connection, statement, index, optional.orElse(null));
            case Instant instant -> statement.setObject(index,
                    OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC));
            case JsonNode json -> {
                PGobject jsonb = new PGobject();
                jsonb.setType("jsonb");
                jsonb.setValue(Columns.write(json));
                statement.setObject(index, jsonb);
            }
            case DbEnum dbEnum -> statement.setString(index, dbEnum.dbValue());
            case SqlArray array -> statement.setArray(index,
                    connection.createArrayOf(array.elementType(), array.elements().toArray()));
            case byte[] bytes -> statement.setBytes(index, bytes);
            default -> statement.setObject(index, value);
        }
    }

    private static <T> T call(Connection connection, SqlFunction<Connection, T> work) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DatabaseException(describe(e), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static String describe(SQLException e) {
        return "SQL failed (state " + e.getSQLState() + "): " + e.getMessage();
    }
}
