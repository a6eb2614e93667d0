package io.bantin.server.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in editor's server-side session.
 *
 * @param token the random value of the session cookie (256 bits, base64url)
 * @param username who logged in
 * @param csrfToken the token every state-changing request of this session must carry (derived from
 *     {@code token}, so that every server knows it without storing it)
 * @param createdAt when the session began
 */
public record Session(String token, String username, String csrfToken, Instant createdAt) {
    /** Checks that no component is null. */
    public Session {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the presented CSRF token is this session's, compared in constant time. */
    public boolean csrfMatches(String presented) {
        return presented != null && java.security.MessageDigest.isEqual(
                csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "Session[username=" + username + ", createdAt=" + createdAt + "]";
    }
}
