package io.bantin.store;

import io.bantin.article.AbstractArticleRepositoryTest;
import io.bantin.article.ArticleRepository;
import io.bantin.testing.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared repository contract on PostgreSQL, proving the SQL portable. Runs when
 * {@code BANTIN_TEST_PG_URL} names a server to create throw-away databases in, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=bantin}; skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "BANTIN_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class SqlArticleRepositoryPostgresTest extends AbstractArticleRepositoryTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private String admin;
    private String name;
    private Database db;

    @Override
    protected ArticleRepository create(MutableClock clock) throws SQLException {
        admin = System.getenv("BANTIN_TEST_PG_URL");
        name = "bantin_articles_test_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        db = Database.of(ds);
        return new SqlArticleRepository(db, clock);
    }

    @Override
    protected void release() throws SQLException {
        db.close();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
