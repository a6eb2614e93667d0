package io.bantin.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins within {@code window}
 * from one IP or for one user name, further attempts from that IP or for that user are refused for
 * {@code lockout}. A success clears nothing for the other key, so an attacker cannot reset a
 * user's lock with their own account. Thread-safe.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Cache<String, Failures> failures;

    /**
     * Creates a throttle.
     *
     * @param clock time source
     * @param maxFailures failures that trigger the lock (the issue asks for 5)
     * @param window the time those failures must fall in (1 minute)
     * @param lockout how long a triggered lock lasts
     */
    public LoginThrottle(Clock clock, int maxFailures, Duration window, Duration lockout) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.failures = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                .expireAfterAccess(window.plus(lockout))
                .maximumSize(100_000)
                .build();
    }

    /** The policy: 5 failures in a minute lock for 5 minutes. */
    public static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(clock, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));
    }

    /**
     * How long the caller must wait before trying again, or {@link Duration#ZERO} when allowed.
     *
     * @param ip the client's address
     * @param username the name tried (case-insensitive)
     */
    public Duration retryAfter(String ip, String username) {
        Instant now = clock.instant();
        Duration a = lockedFor("ip:" + ip, now);
        Duration b = lockedFor(userKey(username), now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Notes a failed attempt against both the IP and the user name. */
    public void failed(String ip, String username) {
        Instant now = clock.instant();
        failures.get("ip:" + ip, k -> new Failures()).add(now, window, maxFailures, lockout);
        failures.get(userKey(username), k -> new Failures()).add(now, window, maxFailures, lockout);
    }

    /** Clears the failures of this IP and user after a successful login. */
    public void succeeded(String ip, String username) {
        failures.invalidate("ip:" + ip);
        failures.invalidate(userKey(username));
    }

    private Duration lockedFor(String key, Instant now) {
        Failures f = failures.getIfPresent(key);
        return f == null ? Duration.ZERO : f.lockedFor(now);
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    /** Recent failure times of one key, and the lock they caused. */
    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized void add(Instant now, Duration window, int max, Duration lockout) {
            times.addLast(now);
            Instant cutoff = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
                times.removeFirst();
            }
            if (times.size() >= max) {
                lockedUntil = now.plus(lockout);
                times.clear();
            }
        }

        synchronized Duration lockedFor(Instant now) {
            return now.isBefore(lockedUntil) ? Duration.between(now, lockedUntil) : Duration.ZERO;
        }
    }
}
