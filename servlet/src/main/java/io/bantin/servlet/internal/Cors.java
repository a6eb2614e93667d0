package io.bantin.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Set;

/**
 * Cross-origin access for the counting routes ({@code widget.js}, {@code /api/stats},
 * {@code /api/stats/daily}, {@code /api/hits}) and nothing else, for the configured origins
 * only. Credentials are never allowed: the widget needs no cookie. Immutable and thread-safe.
 */
public final class Cors {
    private final Set<String> origins;
    private final boolean any;

    /** Creates the policy; {@code "*"} in the list allows every origin, an empty list none. */
    public Cors(Collection<String> allowedOrigins) {
        this.origins = Set.copyOf(allowedOrigins);
        this.any = origins.contains("*");
    }

    /** Adds {@code Access-Control-Allow-Origin} when the request's origin is allowed. */
    void allow(HttpServletRequest req, Reply reply) {
        reply.header("Vary", "Origin");
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return;
        }
        if (any) {
            reply.header("Access-Control-Allow-Origin", "*");
        } else if (origins.contains(origin)) {
            reply.header("Access-Control-Allow-Origin", origin);
        }
    }

    /** A preflight's answer: 204 with the allowed methods and headers, or 204 without them. */
    Reply preflight(HttpServletRequest req) {
        Reply reply = new Reply();
        allow(req, reply);
        if (reply.headerValue("Access-Control-Allow-Origin") != null) {
            reply.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            reply.header("Access-Control-Allow-Headers", "Content-Type");
            reply.header("Access-Control-Max-Age", "600");
        }
        return reply.status(204);
    }
}
