package io.bantin.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bantin.visit.IpAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

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
 * passwords than the budget allows. Thread-safe; one lock guards the few map operations of a
 * reservation, never a password check.
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
            synchronized (LoginThrottle.this) {
                if (ended) {
                    return;
                }
                ended = true;
                Instant now = clock.instant();
                settle(pairKey, pair, now, outcome == Outcome.SUCCEEDED ? Outcome.CLEARED : outcome);
                settle(addressKey, address, now, outcome == Outcome.SUCCEEDED ? Outcome.CANCELLED : outcome);
            }
        }
    }

    private enum Outcome { FAILED, SUCCEEDED, CANCELLED, CLEARED }

    /**
     * The failures of one key: how many in a row, the last one, the wait they impose, and how many
     * attempts on the key are being checked right now.
     */
    private record Count(int failures, Instant lastFailure, Instant waitUntil, int inFlight) {
        static final Count NONE = new Count(0, Instant.MIN, Instant.MIN, 0);

        /** This count as it stands at {@code now}: failures older than the quiet period are gone. */
        Count at(Instant now, Backoff policy) {
            if (failures > 0 && !now.isBefore(lastFailure.plus(policy.forgetAfter()))) {
                return new Count(0, Instant.MIN, Instant.MIN, inFlight);
            }
            return this;
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

    private final Clock clock;
    private final Backoff pair;
    private final Backoff address;
    private final Cache<String, Count> counts;

    /**
     * Creates a throttle.
     *
     * @param clock time source
     * @param pair the schedule per (user name, client address)
     * @param address the schedule per client address, over all user names
     */
    public LoginThrottle(Clock clock, Backoff pair, Backoff address) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pair = Objects.requireNonNull(pair, "pair");
        this.address = Objects.requireNonNull(address, "address");
        Duration keep = pair.forgetAfter().compareTo(address.forgetAfter()) >= 0 ? pair.forgetAfter() : address.forgetAfter();
        this.counts = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                // Every change is a write, so a key lives as long as its failures are remembered.
                .expireAfterWrite(keep)
                .maximumSize(100_000)
                .build();
    }

    /**
     * The server's policy. Per (user, address): 5 free failures, then 10 s, 20 s, 40 s … up to
     * 15 minutes; per address: 20 free failures (an office behind one NAT mistyping), then the same
     * waits. Failures are forgotten an hour after the last one.
     */
    public static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(clock,
                new Backoff(5, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1)),
                new Backoff(20, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1)));
    }

    /**
     * Reserves one attempt for this user from this address, or says how long to wait. Both counts
     * are checked and reserved together, atomically.
     *
     * @param ip the client's address (IPv6 addresses count by their /64)
     * @param username the name tried (case-insensitive)
     */
    public synchronized Reservation reserve(String ip, String username) {
        Instant now = clock.instant();
        String addressKey = "addr:" + addressGroup(ip);
        String pairKey = "pair:" + normalize(username) + "|" + addressGroup(ip);
        Count a = current(addressKey, address, now);
        Count p = current(pairKey, pair, now);
        Duration wait = longer(a.waitAt(now, address), p.waitAt(now, pair));
        if (!wait.isZero()) {
            return new Reservation(pairKey, addressKey, wait);
        }
        counts.put(addressKey, new Count(a.failures(), a.lastFailure(), a.waitUntil(), a.inFlight() + 1));
        counts.put(pairKey, new Count(p.failures(), p.lastFailure(), p.waitUntil(), p.inFlight() + 1));
        return new Reservation(pairKey, addressKey, Duration.ZERO);
    }

    /**
     * How long an attempt for this user from this address would have to wait now, without reserving.
     *
     * @param ip the client's address
     * @param username the name tried (case-insensitive)
     */
    public synchronized Duration retryAfter(String ip, String username) {
        Instant now = clock.instant();
        Count a = current("addr:" + addressGroup(ip), address, now);
        Count p = current("pair:" + normalize(username) + "|" + addressGroup(ip), pair, now);
        return longer(a.waitAt(now, address), p.waitAt(now, pair));
    }

    private Count current(String key, Backoff policy, Instant now) {
        Count c = counts.getIfPresent(key);
        return c == null ? Count.NONE : c.at(now, policy);
    }

    /** Ends one reservation on one key (the caller holds the lock). */
    private void settle(String key, Backoff policy, Instant now, Outcome outcome) {
        Count c = current(key, policy, now);
        int inFlight = Math.max(0, c.inFlight() - 1);
        Count next;
        switch (outcome) {
            case FAILED: {
                int failures = c.failures() + 1;
                next = new Count(failures, now, now.plus(policy.delayAfter(failures)), inFlight);
                break;
            }
            case CLEARED:
                next = new Count(0, Instant.MIN, Instant.MIN, inFlight);
                break;
            default:
                next = new Count(c.failures(), c.lastFailure(), c.waitUntil(), inFlight);
        }
        if (next.failures() == 0 && next.inFlight() == 0) {
            counts.invalidate(key);
        } else {
            counts.put(key, next);
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
