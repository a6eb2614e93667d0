package io.bantin.store;

import javax.sql.DataSource;

/**
 * An empty PostgreSQL database made for one test by {@link TestPostgres#createDatabase()}; closing
 * it drops it, ending any session still open in it.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    private final String name;
    private final String url;
    private final DataSource dataSource;
    private final Runnable drop;
    private boolean closed;

    ThrowawayDatabase(String name, String url, DataSource dataSource, Runnable drop) {
        this.name = name;
        this.url = url;
        this.dataSource = dataSource;
        this.drop = drop;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** The JDBC URL of this database, credentials included as its parameters. */
    public String url() {
        return url;
    }

    /** Connections to this database (a new one per call; no pool). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Drops the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            drop.run();
        }
    }
}
