package io.bantin.examples;

import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.javalin.BantinPlugin;
import io.bantin.render.ArticleHtml;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.ReaderAssets;
import io.bantin.render.RenderOptions;
import io.bantin.visit.VisitCounter;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;

/**
 * A portal on Javalin 7 with bantin's plugin: the plugin counts every HTML page the portal's routes
 * answer and mounts {@code /api/stats}, {@code POST /api/hits} and {@code /widget.js} where bantin's
 * own server has them. The routes render their pages with bantin-render.
 *
 * <p>Run: {@code java -cp ... io.bantin.examples.JavalinPortal [port]} (default 7000, on 127.0.0.1);
 * then open {@code /articles/van-phong-tinh-uy-chu-dong-doi-moi-phuong-thuc-phuc-vu}.
 */
public final class JavalinPortal {

    private JavalinPortal() {
    }

    /**
     * Starts the portal on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one
     * @param counter where the pages are counted
     * @param articles the articles the pages show
     * @param renderer renders the article fragment and the stats box
     * @param clock decides which articles are public yet
     * @return the running application; {@code stop()} stops it (the counter stays the caller's)
     */
    public static Javalin start(int port, VisitCounter counter, ArticleRepository articles, ArticleRenderer renderer,
                                Clock clock) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // [readme javalin-plugin]
            cfg.registerPlugin(new BantinPlugin(bantin -> bantin.counter(counter)));   // routes at the root, as the server's
            cfg.routes.get("/articles/{slug}", ctx -> {
                Article article = articles.findBySlug(ctx.pathParam("slug"))
                        .filter(a -> a.isVisibleAt(clock.instant())).orElseThrow(NotFoundResponse::new);
                ctx.attribute(BantinPlugin.ARTICLE_ID, article.id());   // the view counts for the article too
                ctx.html(page(renderer.headTags(article) + renderer.headAssets(),
                        renderer.articleFragment(article, counter.views(article.id())), renderer.statsBox(counter.stats())));
            });
            // [/readme]
            cfg.routes.get("/", ctx -> ctx.html(page("<title>Trang chủ</title>\n", "<h1>Tin mới</h1>",
                    renderer.statsBox(counter.stats()))));
            cfg.routes.get("/assets/bantin/{file}", ctx -> asset(ctx, ctx.pathParam("file")));
        }).start("127.0.0.1", port);
    }

    /**
     * Starts the portal with an in-memory counter and the sample article, until the process ends.
     *
     * @param args optionally the port
     */
    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        VisitCounter counter = VisitCounter.builder().clock(clock).build();
        ArticleRepository articles = new InMemoryArticleRepository(clock, ArticleHtml.policy());
        articles.save(RenderArticleDemo.sampleArticle());
        ArticleRenderer renderer = new ArticleRenderer(RenderOptions.builder()
                .siteName("Cổng thông tin điện tử (ví dụ Javalin)").baseUrl("http://127.0.0.1:7000").build());
        Javalin app = start(args.length > 0 ? Integer.parseInt(args[0]) : 7000, counter, articles, renderer, clock);
        System.out.println("Portal on http://127.0.0.1:" + app.port() + "/");
    }

    private static void asset(Context ctx, String file) {
        byte[] bytes = ReaderAssets.all().get(file);
        if (bytes == null) {
            throw new NotFoundResponse();
        }
        ctx.contentType(ReaderAssets.contentType(file)).result(bytes);
    }

    /** The portal's own page shell around bantin's pieces. */
    private static String page(String head, String main, String statsBox) {
        return "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n" + head
                + "</head>\n<body>\n<main>\n" + main + "</main>\n"
                + "<aside aria-label=\"Thông tin bên lề\">\n" + statsBox + "</aside>\n</body>\n</html>\n";
    }
}
