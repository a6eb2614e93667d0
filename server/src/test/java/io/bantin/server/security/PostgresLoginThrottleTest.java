package io.bantin.server.security;

import io.bantin.store.Database;
import io.bantin.store.TestPostgres;
import io.bantin.store.ThrowawayDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * Every rule of {@link LoginThrottleTest} and {@link SqliteLoginThrottleTest} with the counts in
 * PostgreSQL, where concurrent reservations wait on the rows' locks instead of SQLite's one writer.
 */
class PostgresLoginThrottleTest extends SqliteLoginThrottleTest {
    private ThrowawayDatabase postgres;

    @Override
    Database openDatabase() {
        postgres = TestPostgres.createDatabase();
        Database db = Database.of(postgres.dataSource());
        AdminAccounts.migrate(postgres.dataSource());
        return db;
    }

    @AfterEach
    void dropTheDatabase() {
        postgres.close();
    }
}
