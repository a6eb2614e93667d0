package io.bantin.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bantin.server.security.AdminAccounts;
import io.bantin.store.Database;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The server's database, open and migrated (bantin's tables and the server's own): a SQLite file,
 * or PostgreSQL through a HikariCP pool, for which a start waits up to
 * {@link PostgresSettings#startupWait()} while PostgreSQL does not answer. Closing it closes the
 * pool. Thread-safe.
 */
final class ServerDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDatabase.class);

    /** The first pause between attempts to reach PostgreSQL; it doubles up to {@link #MAX_PAUSE}. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(4);

    /** The advisory lock the server's migrations hold on PostgreSQL ("bantin" 2). */
    private static final long SERVER_MIGRATION_KEY = 0x62616e74696e0002L;

    private final Database database;
    private final HikariDataSource pool;
    private final String description;

    private ServerDatabase(Database database, HikariDataSource pool, String description) {
        this.database = database;
        this.pool = pool;
        this.description = description;
    }

    /**
     * Opens the database that {@code config} names and runs the migrations.
     *
     * @throws DatabaseUnreachableException when PostgreSQL did not answer within the startup wait
     * @throws RuntimeException when the database cannot be opened or migrated
     */
    static ServerDatabase open(ServerConfig config) {
        PostgresSettings postgres = config.postgres();
        if (postgres == null) {
            Database database = Database.sqlite(config.database());
            try {
                SQLiteDataSource migrationSource = new SQLiteDataSource();
                migrationSource.setUrl("jdbc:sqlite:" + config.database().toAbsolutePath());
                AdminAccounts.migrate(migrationSource);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            return new ServerDatabase(database, null, config.database().toString());
        }
        HikariDataSource pool = connect(postgres);
        try {
            Database database;
            // bantin's tables, then the server's: servers starting at once take turns, so none
            // finds the other's half-made schema history.
            MigrationLock lock = MigrationLock.acquire(pool, SERVER_MIGRATION_KEY);
            try {
                database = Database.of(pool);
                AdminAccounts.migrate(pool);
            } finally {
                lock.close();
            }
            return new ServerDatabase(database, pool, postgres.displayUrl());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * A pool whose first connection succeeded, trying again with growing pauses, one log line per
     * failed attempt, until the startup wait is over.
     */
    private static HikariDataSource connect(PostgresSettings postgres) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(postgres.url());
        if (postgres.user() != null) {
            hikari.setUsername(postgres.user());
        }
        if (postgres.password() != null) {
            hikari.setPassword(postgres.password());
        }
        hikari.setMaximumPoolSize(postgres.poolSize());
        hikari.setMinimumIdle(Math.min(2, postgres.poolSize()));
        hikari.setPoolName("bantin");
        // A request or a flush waits at most this long for a connection, then fails (and the flush
        // is retried later); it never hangs a page.
        hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(5));
        // Fail fast on the first connection: the retries below are ours, with a log line each.
        hikari.setInitializationFailTimeout(1);
        // Wall time, not the site's clock: how long a process waits at boot is no counting rule.
        long deadline = System.nanoTime() + postgres.startupWait().toNanos();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return new HikariDataSource(hikari);
            } catch (RuntimeException e) {
                String cause = rootMessage(e);
                long left = deadline - System.nanoTime();
                long retryIn = left <= 0 ? 0 : Math.min(pause.toNanos(), left);
                LOG.warn("event=database_unreachable url={} attempt={} error=\"{}\" retry_in_ms={}", postgres.displayUrl(),
                        attempt, cause, TimeUnit.NANOSECONDS.toMillis(retryIn));
                if (left <= 0) {
                    throw new DatabaseUnreachableException(postgres.displayUrl(), postgres.startupWait(), attempt, cause, e);
                }
                sleep(retryIn);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = Failures.rootCause(e);
        String message = root.getMessage();
        return (message == null ? root.getClass().getSimpleName() : message).replace('"', '\'').replace('\n', ' ');
    }

    /** bantin's database over the file or the pool. */
    Database database() {
        return database;
    }

    /** The file path or the URL without its parameters: for logs. */
    String description() {
        return description;
    }

    /** Closes bantin's database, then the pool. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /**
     * PostgreSQL did not answer within the startup wait; the message names the URL (without its
     * parameters), the wait and the last error.
     */
    static final class DatabaseUnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseUnreachableException(String url, Duration wait, int attempts, String cause, Throwable e) {
            super("the database at " + url + " did not answer within db-wait " + wait.toSeconds() + "s (" + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + "): " + cause, e);
        }
    }
}
