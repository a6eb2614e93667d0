package io.bantin.server.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bantin.server.http.ApiException;
import io.bantin.server.http.AssetBundle;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}, {@code GET /metrics} and the static assets under {@code /assets/}.
 * {@code /health} is public; {@code /metrics} (login counts, the route list) answers only a request
 * carrying the configured bearer token, and 404 otherwise, as if it did not exist. Thread-safe.
 */
public final class OpsRoutes {
    private final BooleanSupplier databaseUp;
    private final ServerMetrics metrics;
    private final List<AssetBundle> bundles;
    private final byte[] metricsAuthorization;

    /**
     * Creates the routes.
     *
     * @param databaseUp whether the database answers and the counter's last flush reached it
     * @param metrics the registry to scrape
     * @param bundles the asset bundles to serve
     * @param metricsToken the bearer token that opens {@code /metrics}; {@code null} keeps it closed
     */
    public OpsRoutes(BooleanSupplier databaseUp, ServerMetrics metrics, List<AssetBundle> bundles, String metricsToken) {
        this.databaseUp = databaseUp;
        this.metrics = metrics;
        this.bundles = List.copyOf(bundles);
        this.metricsAuthorization = metricsToken == null ? null
                : ("Bearer " + metricsToken.strip()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body of {@code /health}: {@code {"status":"ok"}}, or, with 503,
     * {@code {"status":"degraded","database":"unreachable"}} while the database does not answer or
     * the counter's writes fail (counting goes on in memory meanwhile).
     *
     * @param status {@code ok} or {@code degraded}
     * @param database {@code unreachable} when degraded, else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthJson(String status, String database) {
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", this::metrics);
        for (AssetBundle b : bundles) {
            routes.get(b.routePattern(), b::serve);
        }
    }

    private void health(Context ctx) {
        boolean up;
        try {
            up = databaseUp.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(up ? 200 : 503);
        ctx.json(up ? new HealthJson("ok", null) : new HealthJson("degraded", "unreachable"));
    }

    private void metrics(Context ctx) {
        String presented = ctx.header("Authorization");
        // Compared in constant time: the token is a secret, the comparison must not leak its prefix.
        if (metricsAuthorization == null || presented == null
                || !MessageDigest.isEqual(metricsAuthorization, presented.strip().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.notFound("not found");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.scrape());
    }
}
