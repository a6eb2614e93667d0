package io.bantin.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Serialises schema migrations among the servers that share one PostgreSQL database. Servers
 * starting at once on an empty database would otherwise race between bantin's migrations and the
 * server's own: one creates the server's history table while another, seeing bantin's tables and
 * an empty history, refuses to baseline. Holds
 * a PostgreSQL session-level advisory lock on a connection of its own until closed; on any other
 * database (SQLite) it does nothing. Not thread-safe; one owner opens and closes it.
 *
 * <pre>{@code
 * MigrationLock lock = MigrationLock.acquire(dataSource, MY_SCHEMA_KEY);
 * try {
 *     // check whether the schema is up to date, migrate if not
 * } finally {
 *     lock.close();
 * }
 * }</pre>
 */
final class MigrationLock implements AutoCloseable {

    private final Connection connection;
    private final long key;

    private MigrationLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * Waits until no other process holds {@code key} on this database, then holds it.
     *
     * @param dataSource the shared database
     * @param key the lock's identity; different schemas use different keys
     * @throws IllegalStateException if the database cannot be reached or the lock not taken
     */
    static MigrationLock acquire(DataSource dataSource, long key) {
        Objects.requireNonNull(dataSource, "dataSource");
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return new MigrationLock(null, key);
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, key);
                lock.execute();
            }
            return new MigrationLock(connection, key);
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    /** Releases the lock (closing the session would too) and the connection. */
    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (Connection c = connection; PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        } catch (SQLException e) {
            // The session ends with the connection's close, which releases the lock anyway.
        }
    }
}
