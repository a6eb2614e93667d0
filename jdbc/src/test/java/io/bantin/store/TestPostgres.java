package io.bantin.store;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the core's tests run against, and throw-away databases in it.
 *
 * <p>By default a real PostgreSQL 14 from zonky's binaries jar, started on first use and shared by
 * every test of the JVM (see {@link LocalPostgres}: it also runs when the build runs as root). When
 * the environment variable {@value #URL_VARIABLE} is set, its server is used instead, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=bantin} (a user who may create databases).
 *
 * <p>A test that needs PostgreSQL fails, naming the cause, when none can be had; the one exception
 * is a machine for which the build brings no binaries (anything but Linux x86-64), where it is
 * skipped with the reason unless {@value #REQUIRE_VARIABLE} is {@code true}, as in CI. Thread-safe.
 */
public final class TestPostgres {

    /** The environment variable naming an external server to use instead of the embedded one. */
    public static final String URL_VARIABLE = "BANTIN_TEST_PG_URL";

    /** Set to {@code true} (CI does) to make a missing embedded PostgreSQL a failure, not a skip. */
    public static final String REQUIRE_VARIABLE = "BANTIN_REQUIRE_POSTGRES";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static String adminUrl;
    private static RuntimeException unavailable;

    private TestPostgres() {
    }

    /**
     * Creates an empty database with a name unique to this JVM; {@link ThrowawayDatabase#close()}
     * drops it.
     *
     * @throws IllegalStateException if no PostgreSQL can be had, naming the cause
     */
    public static ThrowawayDatabase createDatabase() {
        String admin = adminUrl();
        String name = "bantin_test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        execute(admin, "CREATE DATABASE " + name);
        String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        return new ThrowawayDatabase(name, url, dataSource, () -> execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** The admin URL: of {@value #URL_VARIABLE} if set, else of the embedded server, started on first use. */
    private static synchronized String adminUrl() {
        if (adminUrl != null) {
            return adminUrl;
        }
        if (unavailable != null) {
            // The first failure said why; later tests fail at once with the same cause.
            throw new IllegalStateException("PostgreSQL is unavailable: " + unavailable.getMessage(), unavailable);
        }
        String external = System.getenv(URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            if (!external.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException(URL_VARIABLE + " must be a jdbc:postgresql: URL, got " + external);
            }
            adminUrl = external;
            return adminUrl;
        }
        // Like the browser tests: where this machine has no binaries, skipped with the reason,
        // unless the build requires them (CI), where a missing PostgreSQL is a failure.
        Assumptions.assumeTrue(LocalPostgres.hasBinaries() || "true".equals(System.getenv(REQUIRE_VARIABLE)),
                () -> "no embedded PostgreSQL for " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + " (the build brings Linux x86-64's): set " + URL_VARIABLE + " to a server of yours to run these");
        try {
            adminUrl = LocalPostgres.start(targetDirectory().resolve("postgres")).adminUrl();
            return adminUrl;
        } catch (Exception e) {
            unavailable = e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e);
            throw new IllegalStateException("could not start the embedded PostgreSQL: " + e.getMessage()
                    + " (set " + URL_VARIABLE + " to use a server of your own)", e);
        }
    }

    /** The module's {@code target} folder: the parent of the folder these test classes were loaded from. */
    private static Path targetDirectory() throws URISyntaxException {
        return Path.of(TestPostgres.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
