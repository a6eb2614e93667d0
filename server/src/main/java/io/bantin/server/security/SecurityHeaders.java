package io.bantin.server.security;

import io.javalin.http.Context;

/**
 * Adds the security headers every response carries. The CSP allows only our own scripts and
 * styles (no {@code 'unsafe-inline'}): the core's fragments and our templates never inline code.
 * Article images may live elsewhere, so images alone may come from any https origin.
 * Stateless and thread-safe.
 */
public final class SecurityHeaders {
    /** The Content-Security-Policy of every response. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** Sets the headers on the response. */
    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("X-Frame-Options", "DENY");
    }
}
