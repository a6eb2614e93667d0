package io.bantin.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for the widget endpoints ({@code /widget.js}, {@code /api/stats},
 * {@code /api/stats/daily}, {@code /api/hits}) and nothing else, for the configured origins
 * only. Credentials are never allowed: the widget needs no cookie. Immutable and thread-safe.
 */
public final class Cors {
    private final Set<String> origins;
    private final boolean any;

    /** Creates the policy; {@code "*"} in the list allows every origin. */
    public Cors(List<String> allowedOrigins) {
        this.any = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins);
    }

    /** Adds {@code Access-Control-Allow-Origin} when the request's origin is allowed. */
    public void allow(Context ctx) {
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        if (any) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else if (origins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
    }

    /** Answers a preflight: 204 with the allowed methods and headers, or 204 without them. */
    public void preflight(Context ctx) {
        allow(ctx);
        if (ctx.res().getHeader("Access-Control-Allow-Origin") != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }
}
