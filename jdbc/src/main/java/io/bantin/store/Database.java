package io.bantin.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * bantin's database: a Jdbi over a {@link DataSource}, migrated by Flyway on open (migrations in
 * {@code classpath:io/bantin/store/migration}, history in {@code bantin_schema_history}, every table
 * prefixed {@code bantin_}).
 *
 * <p>On SQLite, transactions are serialised within the process (one writer at a time, as SQLite
 * wants) and begin {@code IMMEDIATE}, so two writers wait for each other instead of failing.
 * Thread-safe.
 */
public final class Database implements AutoCloseable {

    static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5_000;

    private final Jdbi jdbi;
    private final boolean sqlite;
    private volatile boolean closed;

    private Database(DataSource dataSource, boolean migrate) {
        this.sqlite = isSqlite(dataSource);
        this.jdbi = Jdbi.create(dataSource);
        if (sqlite) {
            jdbi.setTransactionHandler(new SingleWriter(jdbi.getTransactionHandler()));
        }
        if (migrate) {
            migrate(dataSource);
        } else {
            requireTables(jdbi);
        }
    }

    /**
     * Opens (creating it and its parent directories if needed; on POSIX file systems the folders
     * {@code 0700} and the file {@code 0600}, with a warning for an existing one that others can
     * read) a SQLite database file with WAL,
     * {@code synchronous=NORMAL}, a busy timeout, foreign keys and {@code secure_delete} on (so that
     * deleted rows, such as expired visitor salts, are overwritten on disk), and migrates it.
     *
     * @throws IllegalStateException if the SQLite JDBC driver (org.xerial:sqlite-jdbc) is missing
     * @throws UncheckedIOException if the parent directories or the file cannot be created
     * @throws org.flywaydb.core.api.FlywayException if the migration fails
     */
    public static Database sqlite(Path file) {
        return sqlite(file, DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    static Database sqlite(Path file, int busyTimeoutMillis) {
        Objects.requireNonNull(file, "file");
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Database.sqlite needs the SQLite JDBC driver: add the dependency "
                    + "org.xerial:sqlite-jdbc to your application (bantin-core declares it optional)", e);
        }
        Path absolute = file.toAbsolutePath();
        PrivateFiles.prepare(absolute);
        Properties properties = new Properties();
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("synchronous", "NORMAL");
        properties.setProperty("busy_timeout", Integer.toString(busyTimeoutMillis));
        properties.setProperty("foreign_keys", "true");
        // Deleted rows are overwritten, not left in free pages: an expired visitor salt must really be gone.
        properties.setProperty("secure_delete", "true");
        properties.setProperty("transaction_mode", "IMMEDIATE");
        return new Database(new SqliteDataSource("jdbc:sqlite:" + absolute, properties), true);
    }

    /**
     * Uses the embedder's own DataSource (SQLite or PostgreSQL) and migrates it. The DataSource is
     * not closed by {@link #close()}; it stays the embedder's.
     *
     * @throws NullPointerException if dataSource is null
     * @throws org.flywaydb.core.api.FlywayException if the migration fails
     */
    public static Database of(DataSource dataSource) {
        return new Database(Objects.requireNonNull(dataSource, "dataSource"), true);
    }

    /**
     * Uses the embedder's own DataSource whose schema the embedder's own tool manages (Liquibase, their
     * own Flyway, plain scripts made by {@link Migrations#export}): bantin runs no migration and
     * keeps no history table, but checks that every table its bundled migrations create is there,
     * so a missing script fails here, not in a page. The DataSource stays the embedder's.
     *
     * @throws NullPointerException if dataSource is null
     * @throws IllegalStateException if tables are missing; the message names them and their scripts
     */
    public static Database withoutMigrations(DataSource dataSource) {
        return new Database(Objects.requireNonNull(dataSource, "dataSource"), false);
    }

    /** The Jdbi to run statements with; thread-safe. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether a {@code SELECT 1} succeeds now (for health checks); never throws. */
    public boolean ping() {
        if (closed) {
            return false;
        }
        try (Handle handle = jdbi.open()) {
            return handle.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Marks the database closed; connections are opened per use, so nothing stays open. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** Whether this is a SQLite database (which the stores may need to know for dialect details). */
    boolean isSqlite() {
        return sqlite;
    }

    private static boolean isSqlite(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return "SQLite".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    private static void requireTables(Jdbi jdbi) {
        List<String> missing = new ArrayList<>();
        try (Handle handle = jdbi.open()) {
            for (Migrations.Script script : Migrations.scripts()) {
                for (String table : script.tables()) {
                    try {
                        // Both SQLite and PostgreSQL answer an empty result for a table that exists.
                        handle.createQuery("SELECT * FROM " + table + " WHERE 1 = 0").mapToMap().list();
                    } catch (JdbiException e) {
                        missing.add(table + " (" + script.name() + ")");
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("bantin runs without migrations, but these tables are missing: "
                    + String.join(", ", missing) + "; apply bantin's scripts (Migrations.export) with your "
                    + "schema tool, or open the database with Database.of to let bantin migrate it");
        }
    }

    private static void migrate(DataSource dataSource) {
        // Flyway scans the whole classpath (a 29 MB shaded jar in the server) on every start, which
        // costs seconds; a database whose history already records the latest bundled version has
        // nothing to do. Flyway still runs (and validates) whenever the database is behind, has a
        // failed migration, or has no history table yet.
        if (upToDate(dataSource, latestBundledVersion())) {
            return;
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + Migrations.LOCATION)
                .table("bantin_schema_history")
                // An embedder's existing database has tables of its own: start bantin's history there.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** The highest version among the bundled migrations, from {@link Migrations#INDEX}. */
    static List<Integer> latestBundledVersion() {
        List<Integer> latest = List.of();
        for (String script : Migrations.bundled()) {
            List<Integer> version = Migrations.versionOf(script);
            if (Migrations.compare(version, latest) > 0) {
                latest = version;
            }
        }
        return latest;
    }


    /** Whether the history records {@code latest} (or later) and no failed migration; false on any error. */
    static boolean upToDate(DataSource dataSource, List<Integer> latest) {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM bantin_schema_history WHERE version IS NOT NULL")) {
            boolean reached = false;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                if (Migrations.compare(Migrations.versionOf("V" + rs.getString(1) + "__"), latest) >= 0) {
                    reached = true;
                }
            }
            return reached;
        } catch (SQLException | RuntimeException e) {
            // Most often the history table does not exist yet: Flyway creates it.
            return false;
        }
    }

    /** Serialises transactions in this process: SQLite has one writer, and waiting here is cheaper. */
    private static final class SingleWriter extends DelegatingTransactionHandler {
        private final ReentrantLock lock;

        SingleWriter(TransactionHandler delegate) {
            this(delegate, new ReentrantLock());
        }

        private SingleWriter(TransactionHandler delegate, ReentrantLock lock) {
            super(delegate);
            this.lock = lock;
        }

        @Override
        public TransactionHandler specialize(Handle handle) throws SQLException {
            return new SingleWriter(getDelegate().specialize(handle), lock);
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            lock.lock();
            try {
                return super.inTransaction(handle, callback);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                        HandleCallback<R, X> callback) throws X {
            lock.lock();
            try {
                return super.inTransaction(handle, level, callback);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Opens a SQLite connection per use through DriverManager, so no driver class is referenced. */
    private static final class SqliteDataSource implements DataSource {
        private final String url;
        private final Properties properties;
        private PrintWriter logWriter;

        SqliteDataSource(String url, Properties properties) {
            this.url = url;
            this.properties = properties;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return logWriter;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            this.logWriter = out;
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // SQLite opens a local file: there is no login to time out.
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
