package dev.sparring.controlplane.db;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Gives each test empty tables in the shared embedded PostgreSQL ({@link TestDatabase}). */
public final class PostgresExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.truncateAll();
    }
}
