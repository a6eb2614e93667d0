package io.bantin.examples;

import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.render.ArticleHtml;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.ReaderAssets;
import io.bantin.render.RenderOptions;
import io.bantin.servlet.BantinFilter;
import io.bantin.visit.VisitCounter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A portal on plain Jetty 12 (ee10) and one servlet, with bantin's servlet filter in front of it:
 * the filter counts every HTML page the servlet answers and serves {@code /bantin/api/stats},
 * {@code POST /bantin/api/hits} and {@code /bantin/widget.js}. The servlet renders its pages with
 * bantin-render.
 *
 * <p>Run: {@code java -cp ... io.bantin.examples.JettyPortal [port]} (default 8080, on 127.0.0.1);
 * then open {@code /articles/van-phong-tinh-uy-chu-dong-doi-moi-phuong-thuc-phuc-vu}.
 */
public final class JettyPortal implements AutoCloseable {

    private final Server server;
    private final int port;

    private JettyPortal(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the portal on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one
     * @param counter where the pages are counted
     * @param articles the articles the pages show
     * @param renderer renders the article fragment and the stats box
     * @param clock decides which articles are public yet
     * @return the running portal; {@link #close()} stops it
     * @throws Exception if Jetty cannot start, e.g. the port is taken
     */
    public static JettyPortal start(int port, VisitCounter counter, ArticleRepository articles, ArticleRenderer renderer,
                                    Clock clock) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        // [readme jetty-filter]
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(BantinFilter.builder(counter).build()),   // routes under /bantin
                "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Pages(articles, counter, renderer, clock)), "/*");
        // [/readme]
        server.setHandler(context);
        server.start();
        return new JettyPortal(server, connector.getLocalPort());
    }

    /** The port the portal listens on. */
    public int port() {
        return port;
    }

    /**
     * Stops Jetty. The counter stays open: it is the caller's.
     *
     * @throws IllegalStateException if Jetty fails to stop
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /**
     * Starts the portal with an in-memory counter and the sample article, until the process ends.
     *
     * @param args optionally the port
     * @throws Exception if Jetty cannot start
     */
    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        VisitCounter counter = VisitCounter.builder().clock(clock).build();
        ArticleRepository articles = new InMemoryArticleRepository(clock, ArticleHtml.policy());
        articles.save(RenderArticleDemo.sampleArticle());
        ArticleRenderer renderer = new ArticleRenderer(RenderOptions.builder()
                .siteName("Cổng thông tin điện tử (ví dụ Jetty)").baseUrl("http://127.0.0.1:8080").build());
        JettyPortal portal = start(args.length > 0 ? Integer.parseInt(args[0]) : 8080, counter, articles, renderer, clock);
        System.out.println("Portal on http://127.0.0.1:" + portal.port() + "/");
    }

    /** The portal's own pages: the home page, the article pages and the reader assets. */
    static final class Pages extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final String ARTICLES = "/articles/";
        private static final String ASSETS = "/assets/bantin/";

        private final transient ArticleRepository articles;
        private final transient VisitCounter counter;
        private final transient ArticleRenderer renderer;
        private final transient Clock clock;

        Pages(ArticleRepository articles, VisitCounter counter, ArticleRenderer renderer, Clock clock) {
            this.articles = articles;
            this.counter = counter;
            this.renderer = renderer;
            this.clock = clock;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String path = req.getRequestURI();
            if (path.equals("/")) {
                html(res, "Trang chủ", "", "<h1>Tin mới</h1>");
            } else if (path.startsWith(ARTICLES)) {
                Optional<Article> found = articles.findBySlug(path.substring(ARTICLES.length()))
                        .filter(a -> a.isVisibleAt(clock.instant()));
                if (found.isEmpty()) {
                    res.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                Article article = found.get();
                req.setAttribute(BantinFilter.ARTICLE_ID, article.id());   // the view counts for the article too
                html(res, article.title(), renderer.headTags(article) + renderer.headAssets(),
                        renderer.articleFragment(article, counter.views(article.id())));
            } else if (path.startsWith(ASSETS) && ReaderAssets.all().containsKey(path.substring(ASSETS.length()))) {
                String file = path.substring(ASSETS.length());
                res.setContentType(ReaderAssets.contentType(file));
                res.getOutputStream().write(ReaderAssets.all().get(file));
            } else {
                res.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }

        private void html(HttpServletResponse res, String title, String head, String main) throws IOException {
            res.setContentType("text/html; charset=utf-8");
            String page = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + (head.isEmpty() ? "<title>" + title + "</title>\n" : head)
                    + "</head>\n<body>\n<main>\n" + main + "</main>\n"
                    + "<aside aria-label=\"Thông tin bên lề\">\n" + renderer.statsBox(counter.stats()) + "</aside>\n"
                    + "</body>\n</html>\n";
            res.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
        }
    }
}
