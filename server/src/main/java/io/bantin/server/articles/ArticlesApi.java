package io.bantin.server.articles;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleValidationException;
import io.bantin.article.Page;
import io.bantin.server.http.ApiException;
import io.bantin.server.http.JsonBodies;
import io.bantin.server.security.Auth;
import io.bantin.visit.VisitCounter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The articles API: public listing and lookup (visible articles only, with their views), and the
 * editor's create, replace and delete (session and CSRF token required). Thread-safe.
 */
public final class ArticlesApi {
    private final JsonBodies json;
    private final ArticleLookup articles;
    private final VisitCounter counter;
    private final Auth auth;
    private final Clock clock;

    /**
     * Creates the routes.
     *
     * @param json body reader
     * @param articles the articles (writes go through it, updating the index)
     * @param counter for views
     * @param auth guards the writes
     * @param clock for the default publication time
     */
    public ArticlesApi(JsonBodies json, ArticleLookup articles, VisitCounter counter, Auth auth, Clock clock) {
        this.json = json;
        this.articles = articles;
        this.counter = counter;
        this.auth = auth;
        this.clock = clock;
    }

    /** The JSON of a page of articles. */
    public record PageJson(List<ArticleJson> items, int page, int size, long total) {
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/api/articles", this::list);
        routes.post("/api/articles", this::create);
        routes.get("/api/articles/{slug}", this::one);
        routes.put("/api/articles/{id}", this::replace);
        routes.delete("/api/articles/{id}", this::delete);
    }

    private void list(Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE, "must be an integer >= 1", errors);
        int size = intParam(ctx, "size", 20, 1, ArticleQuery.MAX_SIZE, "must be an integer from 1 to 100", errors);
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 200) {
            errors.put("q", "must be at most 200 characters");
        }
        ArticleQuery query = null;
        if (errors.isEmpty()) {
            try {
                query = new ArticleQuery(page, size, q, ctx.queryParam("category"), ctx.queryParam("tag"));
            } catch (IllegalArgumentException e) {
                errors.put("q", "must have at most " + ArticleQuery.MAX_TEXT_WORDS + " distinct words");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid query", errors);
        }
        Page<Article> result = articles.repository().published(query);
        Map<Long, Long> views = counter.views(result.items().stream().map(Article::id).toList());
        ctx.json(new PageJson(result.items().stream()
                .map(a -> ArticleJson.of(a, views.getOrDefault(a.id(), 0L))).toList(),
                result.page(), result.size(), result.total()));
    }

    private void one(Context ctx) {
        boolean editor = auth.session(ctx).isPresent();
        Article a = articles.bySlug(ctx.pathParam("slug"))
                .filter(x -> editor || articles.visible(x))
                .orElseThrow(() -> ApiException.notFound("no such article"));
        ctx.json(ArticleJson.of(a, counter.views(a.id())));
    }

    private void create(Context ctx) {
        auth.requireApi(ctx);
        Article saved = save(ArticleJson.read(json.object(ctx), 0, null, clock));
        ctx.status(201);
        ctx.header("Location", "/api/articles/" + saved.slug());
        ctx.json(ArticleJson.of(saved, counter.views(saved.id())));
    }

    private void replace(Context ctx) {
        auth.requireApi(ctx);
        long id = idParam(ctx);
        Article existing = articles.repository().findById(id).orElseThrow(() -> ApiException.notFound("no such article"));
        Article saved = save(ArticleJson.read(json.object(ctx), id, existing, clock));
        ctx.json(ArticleJson.of(saved, counter.views(saved.id())));
    }

    private void delete(Context ctx) {
        auth.requireApi(ctx);
        long id = idParam(ctx);
        boolean deleted = articles.delete(id);
        if (!deleted) {
            throw ApiException.notFound("no such article");
        }
        ctx.status(204);
    }

    private Article save(Article article) {
        try {
            return articles.save(article);
        } catch (ArticleValidationException e) {
            throw ApiException.badRequest("invalid article", e.errors());
        }
    }

    private static long idParam(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(404, "no such article", Map.of("id", "must be a positive integer"));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max, String rule,
                                Map<String, String> errors) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, rule);
        return fallback;
    }
}
