package io.bantin.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side sessions in memory, expiring after an idle time measured on the injected clock.
 * Tokens are 256 random bits; the cookie carries only the token. Sessions do not survive a
 * restart, which for a handful of editors is an acceptable price for no session table.
 * Thread-safe.
 */
public final class SessionStore {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Cache<String, Session> sessions;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    /**
     * Creates a store.
     *
     * @param clock time source for idle expiry and creation times
     * @param idle a session unused for this long is gone
     */
    public SessionStore(Clock clock, Duration idle) {
        this.clock = clock;
        this.sessions = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                .expireAfterAccess(idle)
                .maximumSize(10_000)
                .build();
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
        return Optional.ofNullable(sessions.getIfPresent(token));
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
