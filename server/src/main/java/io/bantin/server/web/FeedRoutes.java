package io.bantin.server.web;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /feed.xml} (RSS 2.0), {@code /sitemap.xml} and {@code /robots.txt}. Thread-safe. */
public final class FeedRoutes {
    private static final int FEED_SIZE = 20;
    private static final int SITEMAP_LIMIT = 50_000;

    private final Portal portal;
    private final ArticleLookup articles;
    private final Supplier<String> baseUrl;

    /**
     * Creates the routes.
     *
     * @param portal for the renderer
     * @param articles the published articles
     * @param baseUrl the public base URL (known once listening)
     */
    public FeedRoutes(Portal portal, ArticleLookup articles, Supplier<String> baseUrl) {
        this.portal = portal;
        this.articles = articles;
        this.baseUrl = baseUrl;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/feed.xml", this::feed);
        routes.get("/sitemap.xml", this::sitemap);
        routes.get("/robots.txt", this::robots);
    }

    private void feed(Context ctx) {
        Page<Article> latest = articles.repository().published(new ArticleQuery(1, FEED_SIZE, null, null, null));
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/rss+xml; charset=utf-8");
        ctx.result(portal.renderer().rss(latest.items()));
    }

    private void sitemap(Context ctx) {
        List<Article> all = new ArrayList<>();
        for (int page = 1; all.size() < SITEMAP_LIMIT; page++) {
            Page<Article> p = articles.repository().published(new ArticleQuery(page, ArticleQuery.MAX_SIZE, null, null, null));
            all.addAll(p.items());
            if (p.items().size() < ArticleQuery.MAX_SIZE) {
                break;
            }
        }
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/xml; charset=utf-8");
        ctx.result(portal.renderer().sitemap(all));
    }

    private void robots(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("User-agent: *\nDisallow: /admin\nDisallow: /login\nDisallow: /api/\n\nSitemap: "
                + baseUrl.get() + "/sitemap.xml\n");
    }
}
