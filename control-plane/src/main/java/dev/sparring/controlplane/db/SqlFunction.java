package dev.sparring.controlplane.db;

import java.sql.SQLException;

/** Work done with a JDBC object that may throw {@link SQLException}; {@link Jdbc} wraps it in {@link DatabaseException}. */
@FunctionalInterface
public interface SqlFunction<I, O> {
    O apply(I input) throws SQLException;
}
