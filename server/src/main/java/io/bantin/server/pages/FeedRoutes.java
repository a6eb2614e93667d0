package io.bantin.server.pages;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.Page;
import io.bantin.server.articles.ArticleLookup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /feed.xml} (RSS 2.0), {@code /sitemap.xml} (with {@code /sitemap-1.xml}, … past 50,000
 * URLs; see {@link Sitemaps}) and {@code /robots.txt}. Thread-safe.
 */
public final class FeedRoutes {
    private static final int FEED_SIZE = 20;

    private final Portal portal;
    private final ArticleLookup articles;
    private final Supplier<String> baseUrl;
    private final Sitemaps sitemaps;

    /**
     * Creates the routes.
     *
     * @param portal for the renderer
     * @param articles the published articles
     * @param baseUrl the public base URL (known once listening)
     * @param clock decides when the cached sitemaps expire
     */
    public FeedRoutes(Portal portal, ArticleLookup articles, Supplier<String> baseUrl, Clock clock) {
        this(portal, articles, baseUrl, new Sitemaps(articles.repository(), portal::renderer, baseUrl, clock,
                Sitemaps.MAX_URLS, Sitemaps.MAX_AGE));
    }

    /** With other sitemaps (a small page size in tests). */
    FeedRoutes(Portal portal, ArticleLookup articles, Supplier<String> baseUrl, Sitemaps sitemaps) {
        this.portal = portal;
        this.articles = articles;
        this.baseUrl = baseUrl;
        this.sitemaps = sitemaps;
        // A new, changed or deleted article is in the sitemap at once, whichever server wrote it.
        articles.onInvalidate(sitemaps::invalidate);
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/feed.xml", this::feed);
        routes.get("/sitemap.xml", ctx -> send(ctx, sitemaps.root()));
        routes.get("/sitemap-{n}.xml", this::sitemapPart);
        routes.get("/robots.txt", this::robots);
    }

    private void feed(Context ctx) {
        Page<Article> latest = articles.repository().publishedTeasers(new ArticleQuery(1, FEED_SIZE, null, null, null));
        // An item's description is its summary; only an article without one needs its body (for the text).
        List<Article> items = latest.items().stream()
                .map(a -> a.summary().isEmpty() ? articles.repository().findById(a.id()).orElse(a) : a)
                .toList();
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/rss+xml; charset=utf-8");
        ctx.result(portal.renderer().rss(items));
    }

    private void sitemapPart(Context ctx) {
        String n = ctx.pathParam("n");
        // Digits only, and few: "01" or "+1" would be a second address for the same document.
        Optional<Sitemaps.Document> doc = n.matches("[1-9][0-9]{0,8}")
                ? sitemaps.part(Integer.parseInt(n)) : Optional.empty();
        send(ctx, doc.orElseThrow(() -> new NotFoundResponse("no such sitemap")));
    }

    private static void send(Context ctx, Sitemaps.Document doc) {
        ctx.header("Cache-Control", "public, max-age=" + doc.maxAgeSeconds());
        ctx.contentType("application/xml; charset=utf-8");
        ctx.result(doc.xml());
    }

    private void robots(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("User-agent: *\nDisallow: /admin\nDisallow: /login\nDisallow: /api/\n\nSitemap: "
                + baseUrl.get() + "/sitemap.xml\n");
    }
}
