package io.bantin.server.security;

import io.bantin.server.http.ApiException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session cookies and the checks that guard editor-only requests. The cookie holds only a random
 * token ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} when the public URL is https);
 * the session lives in the database every server shares ({@link SessionStore}), so any of them
 * accepts it and its CSRF token. Thread-safe.
 */
public final class Auth {
    /** Name of the session cookie. */
    public static final String COOKIE = "bantin_session";
    /** Header carrying the CSRF token on API requests. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Form field carrying the CSRF token on admin HTML forms. */
    public static final String CSRF_FIELD = "csrfToken";

    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final String ATTRIBUTE = "bantin.session";

    private final SessionStore sessions;
    private final boolean secure;

    /**
     * Creates the guard.
     *
     * @param sessions where sessions live
     * @param secureCookies whether to mark the cookie {@code Secure}
     */
    public Auth(SessionStore sessions, boolean secureCookies) {
        this.sessions = sessions;
        this.secure = secureCookies;
    }

    /**
     * The request's live session, if its cookie names one; empty, too, while the database cannot
     * be asked. Cached on the request.
     */
    public Optional<Session> session(Context ctx) {
        Optional<Session> cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Optional<Session> s;
        try {
            s = sessions.find(ctx.cookie(COOKIE));
        } catch (RuntimeException e) {
            // The database is away: the request is served as a reader's, so that neither a page nor
            // its counting fails for an editor; an editor-only request is refused as not logged in.
            LOG.warn("event=session_lookup_failed error={}", e.toString());
            s = Optional.empty();
        }
        ctx.attribute(ATTRIBUTE, s);
        return s;
    }

    /**
     * Requires a session and the right CSRF token in the {@code X-CSRF-Token} header.
     *
     * @throws ApiException 401 without a session, 403 with a missing or wrong token
     */
    public Session requireApi(Context ctx) {
        Session s = session(ctx).orElseThrow(() -> new ApiException(401, "login required", Map.of()));
        if (!s.csrfMatches(ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, "missing or wrong CSRF token", Map.of("header", CSRF_HEADER));
        }
        return s;
    }

    /**
     * Requires the session's CSRF token in the given value (a form field).
     *
     * @throws ApiException 403 when it is missing or wrong
     */
    public void requireCsrf(Session session, String presented) {
        if (!session.csrfMatches(presented)) {
            throw new ApiException(403, "missing or wrong CSRF token", Map.of("field", CSRF_FIELD));
        }
    }

    /** Starts a session for the user and sets its cookie. */
    public Session login(Context ctx, String username) {
        session(ctx).ifPresent(old -> sessions.invalidate(old.token()));
        Session s = sessions.create(username);
        ctx.header("Set-Cookie", COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        ctx.attribute(ATTRIBUTE, Optional.of(s));
        return s;
    }

    /** Ends the request's session, if any, and clears its cookie. */
    public void logout(Context ctx) {
        session(ctx).ifPresent(s -> sessions.invalidate(s.token()));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        ctx.attribute(ATTRIBUTE, Optional.empty());
    }
}
