package dev.sparring.controlplane.db;

import java.io.Serial;

/** A database operation failed: a SQL error, a failed migration, or an embedded server that would not start. */
public class DatabaseException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
