package io.bantin.server;

import java.time.Duration;
import java.util.Objects;

/**
 * A PostgreSQL database for the server, reached through a connection pool: several servers behind
 * a load balancer share one.
 *
 * @param url a {@code jdbc:postgresql://host:port/database} URL, which may carry its own
 *     parameters (e.g. {@code ?sslmode=require})
 * @param user the user to log in as; {@code null} when the URL names it
 * @param password the user's password; {@code null} when the URL carries it or none is needed
 * @param poolSize the most connections this server holds open
 * @param startupWait how long a start keeps trying while PostgreSQL does not answer, before it gives
 *     up; zero tries once
 */
public record PostgresSettings(String url, String user, String password, int poolSize, Duration startupWait) {

    /** The prefix every accepted URL starts with. */
    public static final String URL_PREFIX = "jdbc:postgresql://";

    /** The most connections one server may ask for: PostgreSQL's own default limit is 100 in all. */
    public static final int MAX_POOL_SIZE = 50;

    /** The longest startup wait: an hour covers a database restored from backup at boot. */
    public static final Duration MAX_STARTUP_WAIT = Duration.ofHours(1);

    /**
     * Validates the settings.
     *
     * @throws ConfigException naming the setting ({@code db}, {@code db-pool-size}, {@code db-wait})
     */
    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(startupWait, "startupWait");
        if (!url.startsWith(URL_PREFIX) || url.length() == URL_PREFIX.length()) {
            throw new ConfigException("db", "db: a database URL must start with " + URL_PREFIX + " and name a host");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new ConfigException("db-pool-size", "db-pool-size: must be 1.." + MAX_POOL_SIZE + ", was " + poolSize);
        }
        if (startupWait.isNegative() || startupWait.compareTo(MAX_STARTUP_WAIT) > 0) {
            throw new ConfigException("db-wait", "db-wait: must be from 0s to 1h, was " + startupWait);
        }
    }

    /** The URL without its parameters, which may hold a password: what logs and errors show. */
    public String displayUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** Never prints the password or the URL's parameters. */
    @Override
    public String toString() {
        return "PostgresSettings[url=" + displayUrl() + ", user=" + user + ", password="
                + (password == null ? "null" : "***") + ", poolSize=" + poolSize + ", startupWait=" + startupWait + "]";
    }
}
