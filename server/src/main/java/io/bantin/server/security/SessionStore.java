package io.bantin.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side sessions in memory, ending after an idle time or, however active, at an absolute
 * lifetime from their creation, both measured on the injected clock (a stolen cookie stops working
 * at the latest when the lifetime ends). Tokens are 256 random bits; the cookie carries only the
 * token. Sessions do not survive a restart, which for a handful of editors is an acceptable price
 * for no session table.
 * Thread-safe.
 */
public final class SessionStore {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Cache<String, Session> sessions;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    /**
     * Creates a store.
     *
     * @param clock time source for expiry and creation times
     * @param idle a session unused for this long is gone
     * @param lifetime a session this old is gone, however active
     * @throws IllegalArgumentException when a duration is not positive
     */
    public SessionStore(Clock clock, Duration idle, Duration lifetime) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle must be positive, was " + idle);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        this.clock = clock;
        this.lifetime = lifetime;
        this.sessions = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                .expireAfter(new IdleOrLifetime(clock, idle, lifetime))
                .maximumSize(10_000)
                .build();
    }

    /** Each read grants another idle period, but never past the session's absolute end. */
    private static final class IdleOrLifetime implements Expiry<String, Session> {
        private final Clock clock;
        private final Duration idle;
        private final Duration lifetime;

        IdleOrLifetime(Clock clock, Duration idle, Duration lifetime) {
            this.clock = clock;
            this.idle = idle;
            this.lifetime = lifetime;
        }

        private long nanosLeft(Session s) {
            Duration left = Duration.between(clock.instant(), s.createdAt().plus(lifetime));
            if (left.isNegative()) {
                return 0;
            }
            return left.compareTo(idle) > 0 ? idle.toNanos() : left.toNanos();
        }

        @Override
        public long expireAfterCreate(String key, Session value, long currentTime) {
            return nanosLeft(value);
        }

        @Override
        public long expireAfterUpdate(String key, Session value, long currentTime, long currentDuration) {
            return nanosLeft(value);
        }

        @Override
        public long expireAfterRead(String key, Session value, long currentTime, long currentDuration) {
            return nanosLeft(value);
        }
    }

    /** Starts a session for the user and returns it. */
    public Session create(String username) {
        Session s = new Session(newToken(), username, newToken(), clock.instant());
        sessions.put(s.token(), s);
        return s;
    }

    /** The live session for a cookie value; empty for {@code null}, unknown or expired tokens. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Session s = sessions.getIfPresent(token);
        if (s != null && !clock.instant().isBefore(s.createdAt().plus(lifetime))) {
            // The cache's expiry already says so; this keeps the rule exact whatever its timing.
            sessions.invalidate(token);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    /** Ends the session with this token, if any. */
    public void invalidate(String token) {
        if (token != null) {
            sessions.invalidate(token);
        }
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}
