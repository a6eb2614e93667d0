package io.bantin.server.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * Editor accounts in the {@code bantin_users} table, which the server creates with its own Flyway
 * history ({@code bantin_server_schema_history}) next to the core's tables. Passwords are stored
 * as bcrypt hashes only. Thread-safe.
 */
public final class AdminAccounts {
    /** The account the server manages through {@code BANTIN_ADMIN_PASSWORD}. */
    public static final String ADMIN = "admin";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** A password being set in the background; logins wait for it. */
    private volatile CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    /**
     * Creates the account store over an already migrated database.
     *
     * @param jdbi the database
     * @param hasher bcrypt hasher
     * @param clock time source for {@code updated_at}
     */
    public AdminAccounts(Jdbi jdbi, PasswordHasher hasher, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates or updates the server's own tables. The core's tables already exist in the same
     * schema, so the first run baselines at version 0 and then applies V1.
     *
     * @param dataSource the database the core uses
     * @throws org.flywaydb.core.api.FlywayException when a migration fails
     */
    public static void migrate(DataSource dataSource) {
        if (upToDate(dataSource)) {
            // Flyway's start-up (class loading, classpath scan) costs hundreds of milliseconds;
            // a restart of an up-to-date database skips it.
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                // The portable scripts, and the few (triggers) each database writes its own way.
                .locations("classpath:db/migration/bantin-server", "classpath:db/migration/bantin-server-" + vendor(dataSource))
                .table("bantin_server_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** The newest migration under db/migration/bantin-server*; bump with every new script. */
    static final int LATEST_VERSION = 3;

    /** {@code postgresql} or {@code sqlite}: the folder of the scripts only that database runs. */
    private static String vendor(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                    ? "postgresql" : "sqlite";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it: " + e.getMessage(), e);
        }
    }

    private static boolean upToDate(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT version FROM bantin_server_schema_history WHERE success AND version IS NOT NULL")) {
            int max = -1;
            while (rs.next()) {
                try {
                    max = Math.max(max, Integer.parseInt(rs.getString(1)));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return max == LATEST_VERSION;
        } catch (java.sql.SQLException e) {
            // No history table yet (first start): let Flyway create it.
            return false;
        }
    }

    /**
     * Makes sure the {@code admin} account exists. With a password, sets it (every start, so the
     * environment stays the source of truth). Without one, creates the account with a random
     * password on first start only.
     *
     * @param password the configured password, or {@code null}
     * @return the generated password when one was generated (to hand over once), else empty
     */
    public Optional<String> ensureAdmin(String password) {
        if (password != null) {
            if (!check(ADMIN, password)) {
                setPassword(ADMIN, password);
            }
            return Optional.empty();
        }
        if (exists(ADMIN)) {
            return Optional.empty();
        }
        String generated = randomPassword();
        // Only if no other server created the account meanwhile (servers starting together on one
        // database): otherwise this password would replace the one that server just handed out, or
        // be handed out without being the account's.
        return createIfAbsent(ADMIN, generated) ? Optional.of(generated) : Optional.empty();
    }

    /** Creates the account with this password unless it exists; whether this call created it. */
    private boolean createIfAbsent(String username, String password) {
        String hash = hasher.hash(password);
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO bantin_users (username, password_hash, updated_at) "
                        + "VALUES (:u, :hash, :now) ON CONFLICT (username) DO NOTHING")
                .bind("hash", hash).bind("now", now).bind("u", username).execute()) == 1;
    }

    /**
     * {@link #ensureAdmin(String)} with a configured password, off the caller's thread: checking the
     * stored hash is one bcrypt (slow on purpose), which would otherwise hold up every restart.
     * Logins wait until it is done, so none is checked against the old password.
     *
     * @param password the configured password
     * @return completes when the password is in place; completes exceptionally if that failed
     */
    public CompletableFuture<Void> ensureAdminInBackground(String password) {
        java.util.Objects.requireNonNull(password, "password");
        // Published before the work starts, so no login can slip in ahead of it.
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending = f;
        CompletableFuture.runAsync(() -> ensureAdmin(password)).whenComplete((ok, failure) -> {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        });
        return f;
    }

    /** Sets (or creates the account with) this password. */
    public void setPassword(String username, String password) {
        String hash = hasher.hash(password);
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE bantin_users SET password_hash = :hash, updated_at = :now WHERE username = :u")
                    .bind("hash", hash).bind("now", now).bind("u", username).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO bantin_users (username, password_hash, updated_at) VALUES (:u, :hash, :now)")
                        .bind("hash", hash).bind("now", now).bind("u", username).execute();
            }
        });
    }

    /**
     * Checks a login. Takes the same time whether or not the user exists.
     *
     * @return whether the user exists and the password matches
     */
    public boolean authenticate(String username, String password) {
        awaitPending();
        return check(username, password);
    }

    private boolean check(String username, String password) {
        if (username == null || password == null || username.length() > 100 || password.length() > 1000) {
            hasher.verify("", null);
            return false;
        }
        String hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM bantin_users WHERE username = :u")
                .bind("u", username).mapTo(String.class).findOne().orElse(null));
        return hasher.verify(password, hash);
    }

    private void awaitPending() {
        try {
            pending.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            // Reported where it was started; check against what the database holds.
        }
    }

    private boolean exists(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_users WHERE username = :u")
                .bind("u", username).mapTo(Integer.class).one()) > 0;
    }

    private String randomPassword() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
