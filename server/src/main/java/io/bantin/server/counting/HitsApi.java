package io.bantin.server.counting;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.server.articles.ArticleLookup;
import io.bantin.server.http.ApiException;
import io.bantin.server.http.AssetBundle;
import io.bantin.server.http.Cors;
import io.bantin.server.http.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/hits} (a page view reported by a cached page or another portal) and
 * {@code GET /widget.js}, the script other portals include. The article's id comes from the
 * in-memory article index, so a hit costs no database query. Thread-safe.
 */
public final class HitsApi {
    private static final int MAX_PATH = 2000;

    private final JsonBodies json;
    private final ArticleLookup articles;
    private final HitRecorder hits;
    private final Cors cors;
    private final AssetBundle widget;

    /**
     * Creates the routes.
     *
     * @param json body reader
     * @param articles slug lookups
     * @param hits records hits
     * @param cors the widget's CORS policy
     * @param widget the bundle holding {@code widget.js}
     */
    public HitsApi(JsonBodies json, ArticleLookup articles, HitRecorder hits, Cors cors, AssetBundle widget) {
        this.json = json;
        this.articles = articles;
        this.hits = hits;
        this.cors = cors;
        this.widget = widget;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/api/hits", this::hit);
        routes.options("/api/hits", cors::preflight);
        routes.get("/widget.js", ctx -> {
            cors.allow(ctx);
            widget.serveFixed(ctx, "widget.js");
        });
    }

    private void hit(Context ctx) {
        cors.allow(ctx);
        JsonNode body = json.object(ctx);
        String path = JsonBodies.string(body, "path");
        String slug = JsonBodies.string(body, "articleSlug");
        Map<String, String> errors = new LinkedHashMap<>();
        if (path == null && slug == null) {
            errors.put("path", "path or articleSlug is required");
            errors.put("articleSlug", "path or articleSlug is required");
        }
        if (path != null && (path.isEmpty() || path.length() > MAX_PATH || !path.startsWith("/"))) {
            errors.put("path", "must start with / and be at most " + MAX_PATH + " characters");
        }
        if (slug != null && (slug.isBlank() || slug.length() > 200)) {
            errors.put("articleSlug", "must be a slug of at most 200 characters");
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid hit", errors);
        }
        long articleId = 0;
        if (slug != null) {
            // The in-memory index only: recording a hit never touches the database, not even for a
            // slug nobody ever published.
            articleId = articles.visibleId(slug);
            if (articleId == 0) {
                throw new ApiException(404, "no such article", Map.of("articleSlug", "no published article has this slug"));
            }
        }
        hits.record(ctx, path != null ? path : "/articles/" + slug, articleId);
        ctx.status(204);
    }
}
