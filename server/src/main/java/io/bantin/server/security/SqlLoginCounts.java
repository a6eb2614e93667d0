package io.bantin.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The throttle's counts in the {@code bantin_login_counts} table, shared by every server on the
 * database. An update is one transaction that first writes both rows (creating them if need be),
 * which locks them on PostgreSQL and takes the one writer on SQLite, then reads and rewrites them:
 * no other update on any server interleaves. Every transaction locks its address row before its
 * pair row, and a pair key belongs to one address, so two updates never wait for each other in a
 * circle. Keys are stored as SHA-256 hashes, so the table holds no address or user name. A row is
 * kept until the keeping time after its last failure or reservation. Thread-safe.
 */
final class SqlLoginCounts implements LoginCounts {
    /** Instants of a count that has none ({@link Instant#MIN}) as stored. */
    private static final long NONE = Long.MIN_VALUE;

    private static final String LOCK = "INSERT INTO bantin_login_counts (count_key, failures, last_failure, wait_until, "
            + "in_flight, in_flight_since, expires_at) VALUES (:key, 0, " + NONE + ", " + NONE + ", 0, " + NONE + ", :expires) "
            + "ON CONFLICT (count_key) DO UPDATE SET count_key = excluded.count_key";
    private static final String SELECT = "SELECT failures, last_failure, wait_until, in_flight, in_flight_since "
            + "FROM bantin_login_counts WHERE count_key = :key";
    private static final String WRITE = "UPDATE bantin_login_counts SET failures = :failures, last_failure = :lastFailure, "
            + "wait_until = :waitUntil, in_flight = :inFlight, in_flight_since = :inFlightSince, expires_at = :expires "
            + "WHERE count_key = :key";

    private final Jdbi jdbi;
    private final Duration keep;

    SqlLoginCounts(Jdbi jdbi, Duration keep) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.keep = keep;
    }

    @Override
    public <T> T update(String addressKey, String pairKey, Function<LoginThrottle.Count[], T> step) {
        String a = hash(addressKey);
        String p = hash(pairKey);
        return jdbi.inTransaction(h -> {
            // The address row first, always: see the class comment.
            h.createUpdate(LOCK).bind("key", a).bind("expires", NONE).execute();
            h.createUpdate(LOCK).bind("key", p).bind("expires", NONE).execute();
            LoginThrottle.Count[] c = {select(h, a), select(h, p)};
            T result = step.apply(c);
            write(h, a, c[0]);
            write(h, p, c[1]);
            return result;
        });
    }

    @Override
    public LoginThrottle.Count[] read(String addressKey, String pairKey) {
        return jdbi.withHandle(h -> new LoginThrottle.Count[] {select(h, hash(addressKey)), select(h, hash(pairKey))});
    }

    @Override
    public void forgetExpired(Instant now) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM bantin_login_counts WHERE expires_at <= :now")
                .bind("now", nanos(now)).execute());
    }

    private static LoginThrottle.Count select(Handle h, String key) {
        return h.createQuery(SELECT).bind("key", key)
                .map((rs, ctx) -> new LoginThrottle.Count(rs.getInt(1), instant(rs.getLong(2)), instant(rs.getLong(3)),
                        rs.getInt(4), instant(rs.getLong(5))))
                .findOne().orElse(LoginThrottle.Count.NONE);
    }

    private void write(Handle h, String key, LoginThrottle.Count c) {
        if (c.isEmpty()) {
            h.createUpdate("DELETE FROM bantin_login_counts WHERE count_key = :key").bind("key", key).execute();
            return;
        }
        Instant last = c.lastFailure().isAfter(c.inFlightSince()) ? c.lastFailure() : c.inFlightSince();
        h.createUpdate(WRITE)
                .bind("failures", c.failures())
                .bind("lastFailure", nanos(c.lastFailure()))
                .bind("waitUntil", nanos(c.waitUntil()))
                .bind("inFlight", c.inFlight())
                .bind("inFlightSince", nanos(c.inFlightSince()))
                .bind("expires", nanos(last.plus(keep)))
                .bind("key", key)
                .execute();
    }

    /** Nanoseconds since the epoch, {@link #NONE} for {@link Instant#MIN}: exact to the clock's resolution. */
    private static long nanos(Instant t) {
        if (t.equals(Instant.MIN)) {
            return NONE;
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static Instant instant(long nanos) {
        if (nanos == NONE) {
            return Instant.MIN;
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
