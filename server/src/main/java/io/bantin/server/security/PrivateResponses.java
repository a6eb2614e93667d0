package io.bantin.server.security;

import io.javalin.http.Context;

/**
 * Keeps responses for a session out of shared caches: {@code Cache-Control: private, no-store} and
 * {@code Vary: Cookie} on every response to a request that carries the session cookie, and on every
 * response that sets a cookie (the login's, which carries the CSRF token).
 *
 * <p>A page rendered for an editor holds the session's CSRF token and unpublished drafts; a proxy or
 * CDN that stored it could hand both to the next reader. Deciding by the cookie, not by the route,
 * covers every route, including ones added later. Applied before the handler (so a response the
 * handler commits early is covered) and again after it (a handler may have set its own
 * {@code Cache-Control}, e.g. the article page's {@code no-cache}). Stateless and thread-safe.
 */
public final class PrivateResponses {
    /** The value every response for a session carries. */
    public static final String CACHE_CONTROL = "private, no-store";

    private PrivateResponses() {
    }

    /** Marks the response private when the request or the response carries the session cookie. */
    public static void apply(Context ctx) {
        if (ctx.res().isCommitted()) {
            return;
        }
        boolean forSession = ctx.cookie(Auth.COOKIE) != null || ctx.res().getHeader("Set-Cookie") != null;
        if (!forSession) {
            return;
        }
        ctx.header("Cache-Control", CACHE_CONTROL);
        String vary = ctx.res().getHeader("Vary");
        if (vary == null || vary.isBlank()) {
            ctx.header("Vary", "Cookie");
        } else if (!vary.toLowerCase(java.util.Locale.ROOT).contains("cookie")) {
            ctx.header("Vary", vary + ", Cookie");
        }
    }
}
