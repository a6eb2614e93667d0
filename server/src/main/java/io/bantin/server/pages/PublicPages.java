package io.bantin.server.pages;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.Page;
import io.bantin.article.Slugs;
import io.bantin.server.articles.ArticleLookup;
import io.bantin.server.counting.HitRecorder;
import io.bantin.server.http.ApiException;
import io.bantin.visit.VisitCounter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public pages: the home page, category, tag and search listings, the article page (counted
 * on the server) and its print view (not counted again). Thread-safe.
 */
public final class PublicPages {
    /** Where article pages live; {@code RenderOptions.articlePath} says the same to the renderer. */
    static final String ARTICLE_PREFIX = "/articles/";

    /** Articles per listing page. */
    static final int PAGE_SIZE = 10;

    private final Portal portal;
    private final ArticleLookup articles;
    private final VisitCounter counter;
    private final HitRecorder hits;
    private final ArticlePage articlePage;
    private final ArticlePageCache pages;

    /**
     * Creates the routes.
     *
     * @param portal shared layout
     * @param articles article lookups
     * @param counter for the views of an article
     * @param hits records article views
     */
    public PublicPages(Portal portal, ArticleLookup articles, VisitCounter counter, HitRecorder hits) {
        this.portal = portal;
        this.articles = articles;
        this.counter = counter;
        this.hits = hits;
        this.articlePage = new ArticlePage(portal);
        // Anonymous pages only: the cut page is rendered without a request (no session).
        this.pages = new ArticlePageCache(articlePage::forAnyReader);
        articles.onInvalidate(pages::invalidate);
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        page(routes, "/", this::home);
        page(routes, "/categories/{slug}", this::category);
        page(routes, "/tags/{slug}", this::tag);
        page(routes, "/search", this::search);
        // First: the article route's wildcard below would match this path too.
        routes.get("/articles/{slug}/print", this::print);
        // The portal's hottest page. With a named parameter Javalin runs a regular expression on
        // every request to extract it (a tenth of the route's CPU time); a wildcard skips that.
        routes.get(ARTICLE_PREFIX + "*", this::article);
        // The article pages count a view on GET; their HEAD answers as GET would in status and type
        // but never counts: link checkers use it.
        routes.head("/articles/{slug}/print", ctx -> articleHead(ctx, ctx.pathParam("slug")));
        routes.head(ARTICLE_PREFIX + "*", ctx -> articleHead(ctx, articleSlug(ctx.path()).orElse(null)));
    }

    /**
     * A page that counts nothing: HEAD runs the GET handler itself (Jetty drops the body), so status
     * and type agree; Javalin's default would answer 200 for any path a GET route matches.
     */
    private static void page(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    private void home(Context ctx) {
        int page = pageParam(ctx);
        Page<Article> result = articles.repository().publishedTeasers(new ArticleQuery(page, PAGE_SIZE, null, null, null));
        listing(ctx, "Tin mới nhất", null, result, "/", "/?", null);
    }

    private void category(Context ctx) {
        String slug = ctx.pathParam("slug");
        Optional<String> name = articles.categories().stream().filter(c -> Slugs.slugify(c).equals(slug)).findFirst();
        if (name.isEmpty()) {
            throw ApiException.notFound("no such category");
        }
        int page = pageParam(ctx);
        Page<Article> result = articles.repository().publishedTeasers(new ArticleQuery(page, PAGE_SIZE, null, slug, null));
        String href = "/categories/" + slug;
        listing(ctx, name.get(), "Chuyên mục", result, href, href + "?", href);
    }

    private void tag(Context ctx) {
        String slug = ctx.pathParam("slug");
        int page = pageParam(ctx);
        Page<Article> result = articles.repository().publishedTeasers(new ArticleQuery(page, PAGE_SIZE, null, null, slug));
        if (result.total() == 0) {
            throw ApiException.notFound("no such tag");
        }
        String name = result.items().stream().flatMap(a -> a.tags().stream())
                .filter(t -> Slugs.slugify(t).equals(slug)).findFirst().orElse(slug);
        String href = "/tags/" + slug;
        listing(ctx, "Từ khóa: " + name, null, result, href, href + "?", null);
    }

    private void search(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        if (q.isEmpty()) {
            ArticleListView view = new ArticleListView("Tìm kiếm", "Nhập từ khóa vào ô tìm kiếm để tìm bài viết.",
                    List.of(), 1, 1, null, null);
            Portal.sendHtml(ctx, portal.render("list.jte", Map.of("layout", portal.layout(ctx, "Tìm kiếm", "", null, true), "view", view)));
            return;
        }
        int page = pageParam(ctx);
        ArticleQuery query;
        try {
            query = new ArticleQuery(page, PAGE_SIZE, q, null, null);
        } catch (IllegalArgumentException tooManyWords) {
            // 200 characters can still hold more distinct words than the search accepts: say so, drop nothing.
            ArticleListView view = new ArticleListView("Tìm kiếm", "Từ khóa quá dài: vui lòng nhập tối đa "
                    + ArticleQuery.MAX_TEXT_WORDS + " từ.", List.of(), 1, 1, null, null);
            ctx.status(400);
            Portal.sendHtml(ctx, portal.render("list.jte", Map.of("layout", portal.layout(ctx, "Tìm kiếm", "", null, true), "view", view)));
            return;
        }
        Page<Article> result = articles.repository().publishedTeasers(query);
        String base = "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&";
        listing(ctx, "Kết quả tìm kiếm: " + q, result.total() + " bài viết", result, base, base, null);
    }

    /**
     * One direction: look the article up, count this view, read the figures, render the page with
     * them. The figures are read after counting, so a reader sees the count with their own view.
     */
    private void article(Context ctx) throws IOException {
        Article a = articleSlug(ctx.path()).flatMap(articles::visibleBySlug)
                .orElseThrow(() -> ApiException.notFound("no such article"));
        hits.record(ctx, ctx.path(), a.id());
        long views = counter.views(a.id());
        ctx.header("Cache-Control", "no-cache");
        if (!portal.editor(ctx)) {
            ctx.contentType("text/html; charset=utf-8");
            // Straight into the response (through Javalin's compression): no page-sized array and
            // no copy per request, which on this route was most of the garbage the heap collected.
            if (pages.write(ctx.outputStream(), a, views, portal.statsBoxUtf8())) {
                return;
            }
        }
        Portal.sendHtml(ctx, articlePage.forRequest(ctx, a, views));
    }

    private void articleHead(Context ctx, String slug) {
        if (articles.visibleId(slug) == 0) {
            throw ApiException.notFound("no such article");
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8");
    }

    /**
     * The slug of an article page's path ({@code /articles/{slug}}, a trailing slash allowed), or
     * empty for a path with more segments or none.
     */
    static Optional<String> articleSlug(String path) {
        if (!path.startsWith(ARTICLE_PREFIX)) {
            return Optional.empty();
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        if (end <= ARTICLE_PREFIX.length()) {
            return Optional.empty();
        }
        String slug = path.substring(ARTICLE_PREFIX.length(), end);
        if (slug.indexOf('%') >= 0) {
            try {
                slug = java.net.URLDecoder.decode(slug.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return slug.isEmpty() || slug.indexOf('/') >= 0 ? Optional.empty() : Optional.of(slug);
    }

    private void print(Context ctx) {
        Article a = articles.visibleBySlug(ctx.pathParam("slug"))
                .orElseThrow(() -> ApiException.notFound("no such article"));
        Portal.sendHtml(ctx, portal.renderer().printPage(a, counter.views(a.id())));
    }

    private void listing(Context ctx, String heading, String intro, Page<Article> result, String firstHref,
                         String pageHrefPrefix, String currentNav) {
        int pages = Math.max(1, (int) ((result.total() + result.size() - 1) / result.size()));
        if (result.page() > pages) {
            throw ApiException.notFound("no such page");
        }
        List<ArticleListView.Item> items = result.items().stream().map(a -> new ArticleListView.Item(
                a.title(), "/articles/" + a.slug(), a.category(),
                a.category() == null ? null : "/categories/" + Slugs.slugify(a.category()),
                a.summary() == null || a.summary().isEmpty() ? null : a.summary(),
                a.publishedAt() == null ? "" : a.publishedAt().toString(), portal.display(a.publishedAt()))).toList();
        String prev = result.page() <= 1 ? null : result.page() == 2 ? firstHref : pageHrefPrefix + "page=" + (result.page() - 1);
        String next = result.page() >= pages ? null : pageHrefPrefix + "page=" + (result.page() + 1);
        ArticleListView view = new ArticleListView(heading, intro, items, result.page(), pages, prev, next);
        String title = result.page() > 1 ? heading + " – trang " + result.page() : heading;
        Portal.sendHtml(ctx, portal.render("list.jte", Map.of("layout", portal.layout(ctx, title, "", currentNav, false), "view", view)));
    }

    private static int pageParam(Context ctx) {
        String raw = ctx.queryParam("page");
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(raw);
            if (page >= 1 && page <= 100_000) {
                return page;
            }
        } catch (NumberFormatException e) {
            // falls through to 404: a page number that cannot exist
        }
        throw ApiException.notFound("no such page");
    }
}
