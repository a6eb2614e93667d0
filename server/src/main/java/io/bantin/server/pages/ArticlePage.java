package io.bantin.server.pages;

import io.bantin.article.Article;
import io.bantin.article.Slugs;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the whole article page (layout, head tags, the core's fragment) from an article and the
 * figures passed in. It neither looks articles up nor counts: the route does both first, so a page
 * is built in one direction, and the same rendering serves the page cache. Thread-safe.
 */
final class ArticlePage {
    private final Portal portal;

    ArticlePage(Portal portal) {
        this.portal = portal;
    }

    /**
     * The page for anonymous readers in general (no session), as the page cache cuts it.
     *
     * @param article the article
     * @param views the view count to show
     * @param statsBoxHtml the stats box to show instead of the live one
     */
    String forAnyReader(Article article, long views, String statsBoxHtml) {
        return render(null, article, views, statsBoxHtml);
    }

    /**
     * The page for this request (an editor sees the editor's layout).
     *
     * @param ctx the request
     * @param article the article
     * @param views the view count to show
     */
    String forRequest(Context ctx, Article article, long views) {
        return render(ctx, article, views, null);
    }

    /** {@code statsBoxHtml} replaces the live stats box when not null. */
    private String render(Context ctx, Article article, long views, String statsBoxHtml) {
        String head = portal.renderer().headTags(article);
        String currentHref = article.category() == null ? null : "/categories/" + Slugs.slugify(article.category());
        PageLayout layout = portal.layout(ctx, article.title(), head, currentHref, false);
        if (statsBoxHtml != null) {
            layout = layout.withStatsBox(statsBoxHtml);
        }
        return portal.render("article.jte", Map.of("layout", layout,
                "fragmentHtml", portal.renderer().articleFragment(article, views)));
    }
}
