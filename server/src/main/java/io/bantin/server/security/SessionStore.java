package io.bantin.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Editors' sessions in the {@code bantin_sessions} table, shared by every server on the database:
 * a session begun through one server is good on all of them, and ended on one it is ended on all at
 * once (nothing is cached). A session ends after an idle time or, however active, at an absolute
 * lifetime from its creation, both measured on the injected clock (a stolen cookie stops working at
 * the latest when the lifetime ends).
 *
 * <p>Tokens are 256 random bits; the cookie carries only the token and the table only its SHA-256,
 * so a copy of the table logs nobody in. The CSRF token is derived from the session token by
 * another hash, so it need not be stored either and cannot lead back to the token. Expired rows are
 * deleted when met and by {@link #deleteExpired()}. Thread-safe.
 */
public final class SessionStore {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Jdbi jdbi;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    /**
     * Creates a store over a database the server's migrations have run on.
     *
     * @param jdbi the database
     * @param clock time source for expiry and creation times
     * @param idle a session unused for this long is gone
     * @param lifetime a session this old is gone, however active
     * @throws IllegalArgumentException when a duration is not positive
     */
    public SessionStore(Jdbi jdbi, Clock clock, Duration idle, Duration lifetime) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle must be positive, was " + idle);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** Starts a session for the user and returns it. */
    public Session create(String username) {
        String token = newToken();
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO bantin_sessions (token_hash, username, created_at, last_used, "
                        + "expires_at) VALUES (:hash, :user, :now, :now, :expires)")
                .bind("hash", hash("session:", token))
                .bind("user", username)
                .bind("now", nanos(now))
                .bind("expires", nanos(endAfterUse(now, now)))
                .execute());
        return new Session(token, username, csrfTokenOf(token), now);
    }

    /**
     * The live session for a cookie value; empty for {@code null}, unknown or expired tokens. A
     * found session has been used: its idle time starts again now.
     */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash("session:", token);
        Instant now = clock.instant();
        long at = nanos(now);
        return jdbi.withHandle(h -> {
            Optional<Row> row = h.createQuery("SELECT username, created_at, expires_at FROM bantin_sessions "
                            + "WHERE token_hash = :hash")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                    .findOne();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Row r = row.get();
            if (at >= r.expiresAt()) {
                h.createUpdate("DELETE FROM bantin_sessions WHERE token_hash = :hash AND expires_at <= :now")
                        .bind("hash", hash).bind("now", at).execute();
                return Optional.empty();
            }
            Instant created = instant(r.createdAt());
            // Only forward: a slower request of the same session never shortens what a later one granted.
            h.createUpdate("UPDATE bantin_sessions SET last_used = :now, expires_at = :expires "
                            + "WHERE token_hash = :hash AND last_used < :now")
                    .bind("now", at).bind("expires", nanos(endAfterUse(created, now))).bind("hash", hash).execute();
            return Optional.of(new Session(token, r.username(), csrfTokenOf(token), created));
        });
    }

    /** Ends the session with this token, if any, on every server at once. */
    public void invalidate(String token) {
        if (token != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM bantin_sessions WHERE token_hash = :hash")
                    .bind("hash", hash("session:", token)).execute());
        }
    }

    /**
     * Deletes the sessions that have ended, so the table holds only live ones.
     *
     * @return how many were deleted
     */
    public int deleteExpired() {
        long now = nanos(clock.instant());
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM bantin_sessions WHERE expires_at <= :now")
                .bind("now", now).execute());
    }

    /** A use at {@code now} keeps the session for the idle time, but never past its lifetime. */
    private Instant endAfterUse(Instant created, Instant now) {
        Instant idleEnd = now.plus(idle);
        Instant lifetimeEnd = created.plus(lifetime);
        return idleEnd.isBefore(lifetimeEnd) ? idleEnd : lifetimeEnd;
    }

    private record Row(String username, long createdAt, long expiresAt) {
    }

    /**
     * Instants as nanoseconds since the epoch: the rules are exact to the clock's resolution, and a
     * long holds them until the year 2262.
     */
    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The session's CSRF token: another hash of its token, so no server needs to store it. */
    private static String csrfTokenOf(String token) {
        return B64.encodeToString(digest("csrf:", token));
    }

    private static String hash(String purpose, String token) {
        return HexFormat.of().formatHex(digest(purpose, token));
    }

    private static byte[] digest(String purpose, String token) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(purpose.getBytes(StandardCharsets.US_ASCII));
            return d.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}
