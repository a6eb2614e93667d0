package io.bantin.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.server.security.Auth;
import io.bantin.server.security.Session;
import io.bantin.server.http.ApiException;
import io.bantin.server.http.JsonBodies;
import io.bantin.visit.VisitCounter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /api/admin/baseline}: an editor sets the total carried over from the portal's old
 * counter, an integer from 0 to {@link VisitCounter#MAX_BASELINE}. Thread-safe.
 */
public final class BaselineApi {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineApi.class);

    /** The rule a baseline breaks, for the API and the admin form. */
    public static final String BASELINE_RULE = "required: an integer from 0 to " + VisitCounter.MAX_BASELINE;

    private final JsonBodies json;
    private final Auth auth;
    private final VisitCounter counter;

    /**
     * Creates the route.
     *
     * @param json body reader
     * @param auth sessions and their CSRF tokens
     * @param counter holds the baseline
     */
    public BaselineApi(JsonBodies json, Auth auth, VisitCounter counter) {
        this.json = json;
        this.auth = auth;
        this.counter = counter;
    }

    /** The body answering a baseline change. */
    public record BaselineJson(long total) {
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.put("/api/admin/baseline", this::baseline);
    }

    private void baseline(Context ctx) {
        Session s = auth.requireApi(ctx);
        JsonNode body = json.object(ctx);
        JsonNode total = body.get("total");
        if (total == null || !total.isIntegralNumber() || !total.canConvertToLong() || total.asLong() < 0
                || total.asLong() > VisitCounter.MAX_BASELINE) {
            throw ApiException.badField("total", BASELINE_RULE);
        }
        counter.setBaseline(total.asLong());
        LOG.info("event=baseline_set user={} total={}", s.username(), total.asLong());
        ctx.json(new BaselineJson(counter.baseline()));
    }
}
