package io.bantin.server.security;

import io.bantin.visit.IpAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows down password guessing without letting anyone lock another person out. Failures are counted
 * per (user name, client address) and per client address (an IPv6 /64 counts as one address); never
 * per user name alone, so wrong passwords for {@code admin} from one place do not stop the right one
 * from another. Each count has a few free failures, then a wait that doubles with every further
 * failure up to a cap; a count is forgotten after a quiet period, and a success clears its own
 * (user, address) count.
 *
 * <p>An attempt is {@linkplain #reserve reserved} before its password is checked, and the
 * reservation counts against the budget until it ends: concurrent attempts can never check more
 * passwords than the budget allows. The counts live in this process or, for several servers behind
 * a load balancer, in the database they share, where each reservation and each end is one
 * transaction holding the two keys' rows: the budget holds across servers. Thread-safe; a
 * reservation holds a lock (or the rows) for a few reads and writes, never for a password check.
 */
public final class LoginThrottle {
    /** How long a refused attempt waits when the budget is only held by attempts still being checked. */
    static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(1);

    /**
     * One progressive-delay schedule: after {@code freeFailures} failures in a row, the next attempt
     * must wait {@code firstDelay}; every further failure doubles the wait, up to {@code maxDelay}.
     * The failures are forgotten {@code forgetAfter} after the last one.
     *
     * @param freeFailures failures allowed without any wait, at least 1
     * @param firstDelay the wait after the last free failure, positive
     * @param maxDelay the longest wait, at least {@code firstDelay}
     * @param forgetAfter quiet time after which the failures no longer count, at least {@code maxDelay}
     */
    public record Backoff(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
        /** Checks the ranges, naming the bad value. */
        public Backoff {
            if (freeFailures < 1) {
                throw new IllegalArgumentException("freeFailures must be >= 1, was " + freeFailures);
            }
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(forgetAfter, "forgetAfter");
            if (firstDelay.isNegative() || firstDelay.isZero()) {
                throw new IllegalArgumentException("firstDelay must be positive, was " + firstDelay);
            }
            if (maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("maxDelay must be >= firstDelay, was " + maxDelay);
            }
            if (forgetAfter.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("forgetAfter must be >= maxDelay, was " + forgetAfter);
            }
        }

        /** The wait imposed after this many failures in a row: zero while they are free. */
        public Duration delayAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            int doublings = failures - freeFailures;
            // 2^62 ns is 146 years: past that, and whenever the doubled wait passes the cap, the cap.
            if (doublings >= 62 || firstDelay.toNanos() > (maxDelay.toNanos() >> doublings)) {
                return maxDelay;
            }
            return firstDelay.multipliedBy(1L << doublings);
        }
    }

    /** What a reservation found. */
    public enum Verdict { ALLOWED, THROTTLED }

    /**
     * An attempt's place in the budget: either allowed (then exactly one of {@link #failed()},
     * {@link #succeeded()} or {@link #cancel()} must follow, in a {@code finally}) or throttled with
     * the wait. The methods after the first are ignored.
     */
    public final class Reservation {
        private final String pairKey;
        private final String addressKey;
        private final Duration retryAfter;
        private boolean ended;

        private Reservation(String pairKey, String addressKey, Duration retryAfter) {
            this.pairKey = pairKey;
            this.addressKey = addressKey;
            this.retryAfter = retryAfter;
            this.ended = !retryAfter.isZero();
        }

        /** Whether the password may be checked. */
        public Verdict verdict() {
            return retryAfter.isZero() ? Verdict.ALLOWED : Verdict.THROTTLED;
        }

        /** How long a throttled caller must wait; zero when allowed. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** The password was wrong: both counts grow, and may impose a wait. */
        public void failed() {
            end(Outcome.FAILED);
        }

        /** The password was right: the (user, address) count is cleared; the address's is kept. */
        public void succeeded() {
            end(Outcome.SUCCEEDED);
        }

        /** The check did not happen (an error): the reservation is released and nothing counted. */
        public void cancel() {
            end(Outcome.CANCELLED);
        }

        private void end(Outcome outcome) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            Instant now = clock.instant();
            counts.update(addressKey, pairKey, c -> {
                c[0] = settle(c[0], address, now, outcome == Outcome.SUCCEEDED ? Outcome.CANCELLED : outcome);
                c[1] = settle(c[1], pair, now, outcome == Outcome.SUCCEEDED ? Outcome.CLEARED : outcome);
                return null;
            });
        }
    }

    private enum Outcome { FAILED, SUCCEEDED, CANCELLED, CLEARED }

    /**
     * The failures of one key: how many in a row, the last one, the wait they impose, and how many
     * attempts on the key are being checked right now, the latest of them reserved at
     * {@code inFlightSince}.
     */
    record Count(int failures, Instant lastFailure, Instant waitUntil, int inFlight, Instant inFlightSince) {
        static final Count NONE = new Count(0, Instant.MIN, Instant.MIN, 0, Instant.MIN);

        /**
         * This count as it stands at {@code now}: failures older than the quiet period are gone, and
         * so are attempts reserved longer than {@link #IN_FLIGHT_LEASE} ago (their server stopped
         * before it could end them).
         */
        Count at(Instant now, Backoff policy) {
            Count c = this;
            if (c.failures > 0 && !now.isBefore(c.lastFailure.plus(policy.forgetAfter()))) {
                c = new Count(0, Instant.MIN, Instant.MIN, c.inFlight, c.inFlightSince);
            }
            if (c.inFlight > 0 && !now.isBefore(c.inFlightSince.plus(IN_FLIGHT_LEASE))) {
                c = new Count(c.failures, c.lastFailure, c.waitUntil, 0, Instant.MIN);
            }
            return c;
        }

        /** Whether nothing in it counts any more, so it need not be kept. */
        boolean isEmpty() {
            return failures == 0 && inFlight == 0;
        }

        /** How long a new attempt must wait, or zero when it may go ahead. */
        Duration waitAt(Instant now, Backoff policy) {
            if (now.isBefore(waitUntil)) {
                return Duration.between(now, waitUntil);
            }
            // Free failures left may all be checked at once; past them, one attempt at a time.
            int budget = failures < policy.freeFailures() ? policy.freeFailures() - failures : 1;
            return inFlight < budget ? Duration.ZERO : IN_FLIGHT_WAIT;
        }
    }

    /**
     * How long a reserved attempt holds its place at most: a password check takes well under a
     * second, so an attempt still open after this long belonged to a server that stopped mid-check,
     * and must not hold the budget of everyone behind that address for the hour its count is kept.
     */
    static final Duration IN_FLIGHT_LEASE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Backoff pair;
    private final Backoff address;
    private final LoginCounts counts;

    /**
     * Creates a throttle that keeps its counts in this process (one server alone).
     *
     * @param clock time source
     * @param pair the schedule per (user name, client address)
     * @param address the schedule per client address, over all user names
     */
    public LoginThrottle(Clock clock, Backoff pair, Backoff address) {
        this(clock, pair, address, null);
    }

    /**
     * Creates a throttle that keeps its counts in the database, shared by every server on it: an
     * attacker sent round the servers by a load balancer gets no more attempts than against one.
     *
     * @param clock time source
     * @param pair the schedule per (user name, client address)
     * @param address the schedule per client address, over all user names
     * @param jdbi the database the server's migrations have run on; {@code null} keeps the counts
     *     in this process
     */
    public LoginThrottle(Clock clock, Backoff pair, Backoff address, Jdbi jdbi) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pair = Objects.requireNonNull(pair, "pair");
        this.address = Objects.requireNonNull(address, "address");
        Duration forget = pair.forgetAfter().compareTo(address.forgetAfter()) >= 0 ? pair.forgetAfter() : address.forgetAfter();
        // A key lives as long as its failures are remembered or an attempt on it may be open.
        Duration keep = forget.compareTo(IN_FLIGHT_LEASE) >= 0 ? forget : IN_FLIGHT_LEASE;
        this.counts = jdbi == null ? new MemoryLoginCounts(clock, keep) : new SqlLoginCounts(jdbi, keep);
    }

    /**
     * The server's policy. Per (user, address): 5 free failures, then 10 s, 20 s, 40 s … up to
     * 15 minutes; per address: 20 free failures (an office behind one NAT mistyping), then the same
     * waits. Failures are forgotten an hour after the last one. Counts kept in this process.
     */
    public static LoginThrottle standard(Clock clock) {
        return standard(clock, null);
    }

    /**
     * {@link #standard(Clock)} with the counts in the database, shared by every server on it.
     *
     * @param clock time source
     * @param jdbi the migrated database, or {@code null} for counts in this process
     */
    public static LoginThrottle standard(Clock clock, Jdbi jdbi) {
        return new LoginThrottle(clock,
                new Backoff(5, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1)),
                new Backoff(20, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1)), jdbi);
    }

    /**
     * Deletes the counts that no longer count (forgotten failures, no attempt open), so that what
     * is kept stays bounded.
     */
    public void forgetExpired() {
        counts.forgetExpired(clock.instant());
    }

    /**
     * Reserves one attempt for this user from this address, or says how long to wait. Both counts
     * are checked and reserved together, atomically.
     *
     * @param ip the client's address (IPv6 addresses count by their /64)
     * @param username the name tried (case-insensitive)
     */
    public Reservation reserve(String ip, String username) {
        String addressKey = "addr:" + addressGroup(ip);
        String pairKey = "pair:" + normalize(username) + "|" + addressGroup(ip);
        Instant now = clock.instant();
        Duration wait = counts.update(addressKey, pairKey, c -> {
            Count a = c[0].at(now, address);
            Count p = c[1].at(now, pair);
            Duration w = longer(a.waitAt(now, address), p.waitAt(now, pair));
            if (w.isZero()) {
                c[0] = new Count(a.failures(), a.lastFailure(), a.waitUntil(), a.inFlight() + 1, now);
                c[1] = new Count(p.failures(), p.lastFailure(), p.waitUntil(), p.inFlight() + 1, now);
            }
            return w;
        });
        return new Reservation(pairKey, addressKey, wait);
    }

    /**
     * How long an attempt for this user from this address would have to wait now, without reserving.
     *
     * @param ip the client's address
     * @param username the name tried (case-insensitive)
     */
    public Duration retryAfter(String ip, String username) {
        Instant now = clock.instant();
        Count[] c = counts.read("addr:" + addressGroup(ip), "pair:" + normalize(username) + "|" + addressGroup(ip));
        return longer(c[0].at(now, address).waitAt(now, address), c[1].at(now, pair).waitAt(now, pair));
    }

    /** One reservation's end on one key's count. */
    private static Count settle(Count stored, Backoff policy, Instant now, Outcome outcome) {
        Count c = stored.at(now, policy);
        int inFlight = Math.max(0, c.inFlight() - 1);
        Instant since = inFlight == 0 ? Instant.MIN : c.inFlightSince();
        switch (outcome) {
            case FAILED: {
                int failures = c.failures() + 1;
                return new Count(failures, now, now.plus(policy.delayAfter(failures)), inFlight, since);
            }
            case CLEARED:
                return new Count(0, Instant.MIN, Instant.MIN, inFlight, since);
            default:
                return new Count(c.failures(), c.lastFailure(), c.waitUntil(), inFlight, since);
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String normalize(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }

    /**
     * The address a failure counts against: the client's {@linkplain IpAddress#subscriberNetwork()
     * subscriber network} (an IPv4 address, an IPv6 /64), anything else as written.
     */
    static String addressGroup(String ip) {
        IpAddress parsed = IpAddress.parse(ip);
        if (parsed == null) {
            return ip == null ? "" : ip;
        }
        IpAddress network = parsed.subscriberNetwork();
        return Long.toHexString(network.high()) + ":" + Long.toHexString(network.low());
    }
}
