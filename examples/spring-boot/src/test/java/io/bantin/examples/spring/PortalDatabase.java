package io.bantin.examples.spring;

import io.bantin.store.TestPostgres;
import io.bantin.store.ThrowawayDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away PostgreSQL database for one test class, from bantin-jdbc's {@link TestPostgres} (a real
 * PostgreSQL 14), handed to Spring as {@code spring.datasource.*} so the portal's own pool uses it.
 *
 * <p>Declare it before {@code @SpringBootTest} and close the context with the class
 * ({@code @DirtiesContext}): extensions declared first finish last, so the database is dropped only
 * after Spring closed the pool and the counter made its last write.
 */
final class PortalDatabase implements BeforeAllCallback, AfterAllCallback {

    private static ThrowawayDatabase current;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (PortalDatabase.class) {
            current = TestPostgres.createDatabase();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (PortalDatabase.class) {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /** Points Boot's DataSource at the current class's database. */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> pg().getUrl());
        registry.add("spring.datasource.username", () -> pg().getUser());
        registry.add("spring.datasource.password", () -> pg().getPassword());
    }

    private static synchronized PGSimpleDataSource pg() {
        if (current == null) {
            throw new IllegalStateException("PortalDatabase must be an extension of the test class, declared before @SpringBootTest");
        }
        try {
            return current.dataSource().unwrap(PGSimpleDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
