package io.bantin.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plugin on someone else's real Javalin app, on 127.0.0.1 and a random port. */
class BantinPluginHttpTest {
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    private static final long ARTICLE = 42;

    private final MutableClock clock = MutableClock.at("2026-12-03T03:00:00Z");
    private final VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).build();
    private final List<HitOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;
    private String base;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        counter.close();
    }

    private void start(Consumer<BantinPlugin.Config> options) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.registerPlugin(new BantinPlugin(c -> {
                c.counter(counter).onHit(outcomes::add).trustedProxies(List.of("127.0.0.1"))
                        .articleIds(slug -> slug.equals("hello") ? ARTICLE : 0)
                        .editors(ctx -> "editor".equals(ctx.header("X-Test-Role")))
                        .excludedPaths(List.of("/admin"));
                options.accept(c);
            }));
            cfg.routes.get("/", ctx -> ctx.html("<h1>Home</h1>"));
            cfg.routes.get("/news", ctx -> ctx.html("<h1>News</h1>"));
            cfg.routes.get("/articles/hello", ctx -> {
                ctx.attribute(BantinPlugin.ARTICLE_ID, ARTICLE);
                ctx.html("<h1>Hello</h1>");
            });
            cfg.routes.get("/admin", ctx -> ctx.html("<h1>Admin</h1>"));
            cfg.routes.get("/data", ctx -> ctx.json(List.of(1)));
            cfg.routes.get("/style.css", ctx -> ctx.contentType("text/css").result("body{}"));
            cfg.routes.get("/gone", ctx -> ctx.status(410).html("<h1>Gone</h1>"));
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            r.headers(headers);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> page(String path, String client, String... more) throws Exception {
        String[] headers = new String[more.length + 4];
        headers[0] = "X-Forwarded-For";
        headers[1] = client;
        headers[2] = "User-Agent";
        headers[3] = BROWSER;
        System.arraycopy(more, 0, headers, 4, more.length);
        return get(path, headers);
    }

    private HttpResponse<String> postJson(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.90").header("User-Agent", BROWSER)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void htmlPagesCountAndAnArticlePageForItsArticle() throws Exception {
        start(c -> { });
        assertThat(page("/", "198.51.100.1").body()).isEqualTo("<h1>Home</h1>");
        page("/articles/hello", "198.51.100.2");
        page("/news", "198.51.100.2");
        assertThat(outcomes).containsExactly(HitOutcome.NEW_VISIT, HitOutcome.NEW_VISIT, HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().today()).isEqualTo(2);
        assertThat(counter.views(ARTICLE)).isEqualTo(1);
    }

    @Test
    void otherAnswersExcludedPathsTheRoutesBotsPrefetchesAndEditorsCountNoVisit() throws Exception {
        start(c -> { });
        for (String path : List.of("/admin", "/data", "/style.css", "/gone", "/missing", "/api/stats", "/widget.js")) {
            page(path, "198.51.100.3");
        }
        assertThat(outcomes).isEmpty();
        get("/", "X-Forwarded-For", "198.51.100.4", "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        page("/", "198.51.100.5", "Sec-Purpose", "prefetch");
        page("/", "198.51.100.6", "X-Test-Role", "editor");
        assertThat(outcomes).containsExactly(HitOutcome.BOT, HitOutcome.EXCLUDED, HitOutcome.EXCLUDED);
        assertThat(counter.stats().today()).isZero();
    }

    @Test
    void behindTheTrustedProxyTheClientIsTheRightMostUntrustedAddress() throws Exception {
        start(c -> { });
        page("/", "203.0.113.66, 198.51.100.9");
        page("/", "203.0.113.77, 198.51.100.9");
        assertThat(counter.stats().today()).isEqualTo(1);
    }

    @Test
    void theRoutesAnswerWhereBantinsServerHasThemWithItsJson() throws Exception {
        start(c -> { });
        page("/", "198.51.100.10");
        HttpResponse<String> stats = get("/api/stats");
        assertThat(stats.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(stats.body()).isEqualTo("{\"online\":1,\"today\":1,\"yesterday\":0,\"thisWeek\":1,\"thisMonth\":1,"
                + "\"total\":1,\"asOf\":\"" + counter.stats().asOf() + "\",\"zone\":\"Asia/Ho_Chi_Minh\"}");
        assertThat(get("/api/stats/daily?from=2026-12-03&to=2026-12-03").body())
                .isEqualTo("[{\"date\":\"2026-12-03\",\"visits\":1,\"pageViews\":1}]");
        assertThat(postJson("/api/hits", "{\"articleSlug\":\"hello\"}").statusCode()).isEqualTo(204);
        assertThat(counter.views(ARTICLE)).isEqualTo(1);

        HttpResponse<String> bad = postJson("/api/hits", "{\"articleSlug\":\"nobody\"}");
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(bad.body()).isEqualTo("{\"error\":\"no such article\",\"details\":{\"articleSlug\":\"no published article has this slug\"}}");
        HttpResponse<String> widget = get("/widget.js");
        assertThat(widget.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/widget.js", "If-None-Match", widget.headers().firstValue("ETag").orElseThrow()).statusCode())
                .isEqualTo(304);
    }

    @Test
    void aPrefixMovesTheRoutesAndWithPageCountingOffOnlyTheApplicationCounts() throws Exception {
        BantinPlugin plugin = new BantinPlugin(c -> c.counter(counter).prefix("/bantin").countPages(false)
                .onHit(outcomes::add));
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.registerPlugin(plugin);
            cfg.routes.get("/", ctx -> ctx.html("<h1>Home</h1>"));
            cfg.routes.get("/counted", ctx -> {
                plugin.count(ctx, "/counted", 0);
                ctx.html("<h1>Counted</h1>");
            });
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        assertThat(get("/bantin/api/stats").statusCode()).isEqualTo(200);
        assertThat(get("/api/stats").statusCode()).isEqualTo(404);
        get("/");
        assertThat(outcomes).isEmpty();
        get("/counted");
        assertThat(outcomes).containsExactly(HitOutcome.NEW_VISIT);
    }

    @Test
    void aBadOptionIsNamedWhenThePluginIsCreated() {
        assertThatThrownBy(() -> new BantinPlugin(c -> c.counter(counter).prefix("bantin/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bantin/\"");
        assertThatThrownBy(() -> new BantinPlugin(c -> c.counter(counter).trustedProxies(List.of("example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
        assertThatThrownBy(() -> new BantinPlugin(c -> { })).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("counter");
    }
}
