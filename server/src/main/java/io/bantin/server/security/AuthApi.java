package io.bantin.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.server.http.ApiException;
import io.bantin.server.http.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/login} and {@code POST /api/logout}. Login
 * answers a wrong user and a wrong password alike, and is throttled per (user name, address) and
 * per address. A login from another site's page (its {@code Origin} or {@code Referer} names
 * another origin) is refused before any check; clients that send neither, such as scripts, log in
 * as before. Thread-safe.
 */
public final class AuthApi {
    private final JsonBodies json;
    private final Logins logins;
    private final Auth auth;
    private final LoginCsrf loginCsrf;

    /**
     * Creates the routes.
     *
     * @param json body reader
     * @param logins password checks with throttling
     * @param auth sessions
     * @param loginCsrf refuses logins from other sites
     */
    public AuthApi(JsonBodies json, Logins logins, Auth auth, LoginCsrf loginCsrf) {
        this.json = json;
        this.logins = logins;
        this.auth = auth;
        this.loginCsrf = loginCsrf;
    }

    /** The body answering a successful login. */
    public record LoginJson(String csrfToken) {
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/api/login", this::login);
        routes.post("/api/logout", this::logout);
    }

    private void login(Context ctx) {
        String crossSite = loginCsrf.crossSiteHeader(ctx);
        if (crossSite != null) {
            throw new ApiException(403, "login from another site refused",
                    Map.of("header", crossSite, "rule", "must be this site's own origin"));
        }
        JsonNode body = json.object(ctx);
        String username = JsonBodies.string(body, "username");
        String password = JsonBodies.string(body, "password");
        Map<String, String> errors = new LinkedHashMap<>();
        if (username == null || username.isBlank()) {
            errors.put("username", "required");
        }
        if (password == null || password.isEmpty()) {
            errors.put("password", "required");
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid login", errors);
        }
        Logins.Result result = logins.attempt(ctx, username, password);
        switch (result.kind()) {
            case THROTTLED:
                ctx.header("Retry-After", Long.toString(result.retryAfterSeconds()));
                throw new ApiException(429, "too many failed logins, try again later",
                        Map.of("retryAfterSeconds", Long.toString(result.retryAfterSeconds())));
            case FAILED:
                throw new ApiException(401, "wrong username or password", Map.of());
            default:
                Session s = auth.login(ctx, username);
                ctx.header("Cache-Control", "no-store");
                ctx.json(new LoginJson(s.csrfToken()));
        }
    }

    private void logout(Context ctx) {
        auth.requireApi(ctx);
        auth.logout(ctx);
        ctx.status(204);
    }
}
