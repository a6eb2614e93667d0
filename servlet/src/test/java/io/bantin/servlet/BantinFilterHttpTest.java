package io.bantin.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import io.bantin.visit.ForwardedHeader;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The filter on a real Jetty 12: which pages count, from which address, the counting routes under
 * the prefix with the server's JSON, and a broken counter that never fails a page.
 */
class BantinFilterHttpTest {
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private final MutableClock clock = MutableClock.at("2026-12-03T03:00:00Z");
    private final VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).build();
    private final List<HitOutcome> outcomes = new CopyOnWriteArrayList<>();
    private Site site;

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        counter.close();
    }

    /** A site whose filter trusts the loopback proxy, so each test client can be a distinct visitor. */
    private Site site(Consumer<BantinFilter.Builder> options) throws Exception {
        BantinFilter.Builder b = BantinFilter.builder(counter).onHit(outcomes::add);
        options.accept(b);
        site = new Site(b.build());
        return site;
    }

    private Site behindProxy() throws Exception {
        return site(b -> b.trustedProxies(List.of("127.0.0.1")).excludedPaths(List.of("/admin"))
                .articleIds(slug -> slug.equals("hello") ? Pages.ARTICLE : 0)
                .editors(req -> "editor".equals(req.getHeader("X-Test-Role"))));
    }

    private HttpResponse<String> page(String path, String client, String... more) throws Exception {
        String[] headers = new String[more.length + 4];
        headers[0] = "X-Forwarded-For";
        headers[1] = client;
        headers[2] = "User-Agent";
        headers[3] = BROWSER;
        System.arraycopy(more, 0, headers, 4, more.length);
        return site.get(path, headers);
    }

    @Test
    void anHtmlPageCountsAsAVisitAndAnArticlePageForItsArticleToo() throws Exception {
        behindProxy();
        assertThat(page("/", "198.51.100.1").body()).isEqualTo("<h1>Page /</h1>");
        assertThat(page("/articles/hello", "198.51.100.2").statusCode()).isEqualTo(200);
        assertThat(page("/news", "198.51.100.2").statusCode()).isEqualTo(200);

        assertThat(outcomes).containsExactly(HitOutcome.NEW_VISIT, HitOutcome.NEW_VISIT, HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().today()).isEqualTo(2);
        assertThat(counter.views(Pages.ARTICLE)).isEqualTo(1);
    }

    @Test
    void staticFilesOtherContentTypesExcludedPathsAndTheFiltersOwnRoutesCountNothing() throws Exception {
        behindProxy();
        for (String path : List.of("/style.css", "/data", "/admin", "/admin/users", "/bantin/api/stats",
                "/bantin/widget.js", "/bantin/unknown")) {
            page(path, "198.51.100.3");
        }
        assertThat(outcomes).isEmpty();
        assertThat(page("/administration", "198.51.100.3").statusCode()).as("only below /admin is excluded").isEqualTo(200);
        assertThat(outcomes).containsExactly(HitOutcome.NEW_VISIT);
    }

    @Test
    void errorsRedirectsAndPostsCountNothing() throws Exception {
        behindProxy();
        assertThat(page("/missing", "198.51.100.4").statusCode()).isEqualTo(404);
        assertThat(site.send(site.request("/go").header("X-Forwarded-For", "198.51.100.4")).statusCode()).isEqualTo(302);
        assertThat(site.send(site.request("/").header("X-Forwarded-For", "198.51.100.4")
                .POST(HttpRequest.BodyPublishers.ofString("a=b"))).statusCode()).isEqualTo(200);
        assertThat(outcomes).isEmpty();
        assertThat(counter.stats().today()).isZero();
    }

    @Test
    void botsPrefetchesAndEditorsAreLeftToTheCountersRules() throws Exception {
        behindProxy();
        site.get("/", "X-Forwarded-For", "198.51.100.5", "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        page("/", "198.51.100.6", "Sec-Purpose", "prefetch;prerender");
        page("/", "198.51.100.7", "X-Purpose", "preview");
        page("/", "198.51.100.8", "X-Test-Role", "editor");

        assertThat(outcomes).containsExactly(HitOutcome.BOT, HitOutcome.EXCLUDED, HitOutcome.EXCLUDED, HitOutcome.EXCLUDED);
        assertThat(counter.stats().today()).isZero();
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedAddress() throws Exception {
        behindProxy();
        page("/", "203.0.113.66, 198.51.100.9");
        page("/", "203.0.113.77, 198.51.100.9");
        assertThat(counter.stats().today()).as("what the client wrote left of its own address is ignored").isEqualTo(1);
        page("/", "198.51.100.10");
        assertThat(counter.stats().today()).isEqualTo(2);
    }

    @Test
    void withoutTrustedProxiesForwardingHeadersAreIgnored() throws Exception {
        site(b -> { });
        page("/", "198.51.100.11");
        page("/", "198.51.100.12");
        assertThat(counter.stats().today()).as("one peer, one visitor").isEqualTo(1);
    }

    @Test
    void theProxysChosenHeaderIsTheOnlyOneBelieved() throws Exception {
        site(b -> b.trustedProxies(List.of("127.0.0.0/8")).forwardedHeader(ForwardedHeader.FORWARDED));
        page("/", "198.51.100.13", "Forwarded", "for=198.51.100.20");
        page("/", "198.51.100.14", "Forwarded", "for=198.51.100.20");
        page("/", "198.51.100.15", "Forwarded", "for=\"[2001:db8::1]:4711\"");
        assertThat(counter.stats().today()).isEqualTo(2);
    }

    @Test
    void aCounterThatThrowsNeverFailsAPageNorAReportedHit() throws Exception {
        BrokenCounter broken = new BrokenCounter(counter);
        site = new Site(BantinFilter.builder(broken).build());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = site.get("/news", "User-Agent", BROWSER);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("<h1>Page /news</h1>");
        }
        assertThat(site.postJson("/bantin/api/hits", "{\"path\":\"/cached\"}").statusCode()).isEqualTo(204);
        assertThat(site.get("/bantin/api/stats").statusCode()).isEqualTo(200);
        assertThat(broken.attempts).as("the filter did try to count").hasValue(4);
    }

    @Test
    void theStatsRouteAnswersTheServersJsonUnderThePrefix() throws Exception {
        behindProxy();
        page("/", "198.51.100.16");
        HttpResponse<String> stats = site.get("/bantin/api/stats");
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(stats.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(stats.body()).isEqualTo("{\"online\":1,\"today\":1,\"yesterday\":0,\"thisWeek\":1,\"thisMonth\":1,"
                + "\"total\":1,\"asOf\":\"" + counter.stats().asOf() + "\",\"zone\":\"Asia/Ho_Chi_Minh\"}");

        HttpResponse<String> daily = site.get("/bantin/api/stats/daily?from=2026-12-02&to=2026-12-03");
        assertThat(daily.body()).isEqualTo("[{\"date\":\"2026-12-02\",\"visits\":0,\"pageViews\":0},"
                + "{\"date\":\"2026-12-03\",\"visits\":1,\"pageViews\":1}]");
        HttpResponse<String> bad = site.get("/bantin/api/stats/daily?from=2026-12-05&to=2026-12-03");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"invalid date range\",\"details\":{\"to\":\"must not be before from\"}}");
    }

    @Test
    void aReportedHitCountsItsPathOrItsArticle() throws Exception {
        behindProxy();
        HttpResponse<String> byPath = site.postJson("/bantin/api/hits", "{\"path\":\"/cached/page\"}",
                "X-Forwarded-For", "198.51.100.17", "User-Agent", BROWSER);
        assertThat(byPath.statusCode()).isEqualTo(204);
        HttpResponse<String> bySlug = site.postJson("/bantin/api/hits", "{\"articleSlug\":\"hello\"}",
                "X-Forwarded-For", "198.51.100.18", "User-Agent", BROWSER);
        assertThat(bySlug.statusCode()).isEqualTo(204);
        assertThat(outcomes).containsExactly(HitOutcome.NEW_VISIT, HitOutcome.NEW_VISIT);
        assertThat(counter.views(Pages.ARTICLE)).isEqualTo(1);
    }

    @Test
    void aBadHitIsAnsweredWithTheFieldAndTheRuleItBroke() throws Exception {
        behindProxy();
        assertError(site.send(site.request("/bantin/api/hits").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                415, "{\"error\":\"content type must be application/json\",\"details\":{\"Content-Type\":\"missing\"}}");
        assertError(site.postJson("/bantin/api/hits", "{"), 400,
                "{\"error\":\"malformed JSON\",\"details\":{\"body\":\"not valid JSON\"}}");
        assertError(site.postJson("/bantin/api/hits", "[1]"), 400,
                "{\"error\":\"malformed JSON\",\"details\":{\"body\":\"must be a JSON object\"}}");
        assertError(site.postJson("/bantin/api/hits", "{\"path\":5}"), 400,
                "{\"error\":\"invalid request\",\"details\":{\"path\":\"must be a string\"}}");
        assertError(site.postJson("/bantin/api/hits", "{\"path\":\"no-slash\"}"), 400,
                "{\"error\":\"invalid hit\",\"details\":{\"path\":\"must start with / and be at most 2000 characters\"}}");
        assertError(site.postJson("/bantin/api/hits", "{\"articleSlug\":\"nobody-wrote-this\"}"), 404,
                "{\"error\":\"no such article\",\"details\":{\"articleSlug\":\"no published article has this slug\"}}");
        assertError(site.postJson("/bantin/api/hits", "{\"path\":\"/" + "x".repeat(BantinFilter.MAX_BODY) + "\"}"), 413,
                "{\"error\":\"request body too large (limit 1 MiB)\",\"details\":{}}");
        HttpResponse<String> get = site.get("/bantin/api/hits");
        assertError(get, 405, "{\"error\":\"method not allowed\",\"details\":{\"method\":\"GET\"}}");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(outcomes).isEmpty();
    }

    private static void assertError(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void theWidgetIsServedUnderThePrefixWithAnEtag() throws Exception {
        behindProxy();
        HttpResponse<String> widget = site.get("/bantin/widget.js");
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(widget.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(widget.body()).contains("data-bantin-stats", "/api/hits", "/api/stats");
        String etag = widget.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = site.get("/bantin/widget.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void onlyTheConfiguredOriginsMayCallTheRoutesFromOtherSites() throws Exception {
        site(b -> b.corsOrigins(List.of("https://portal.example")));
        HttpResponse<String> allowed = site.get("/bantin/api/stats", "Origin", "https://portal.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://portal.example");
        assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");
        HttpResponse<String> other = site.get("/bantin/api/stats", "Origin", "https://elsewhere.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> preflight = site.send(site.request("/bantin/api/hits")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://portal.example"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, OPTIONS");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        HttpResponse<String> refused = site.send(site.request("/bantin/api/hits")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.example"));
        assertThat(refused.statusCode()).isEqualTo(204);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void anEmptyPrefixServesTheRoutesWhereBantinsServerHasThem() throws Exception {
        site(b -> b.prefix(""));
        assertThat(site.get("/api/stats").body()).startsWith("{\"online\":0,");
        assertThat(site.get("/widget.js").statusCode()).isEqualTo(200);
        assertThat(site.get("/about").statusCode()).isEqualTo(200);
        assertThat(outcomes).containsExactly(HitOutcome.NEW_VISIT);
    }

    @Test
    void theBuilderNamesABadValueAndRefusesAnOptionSetTwice() {
        for (String prefix : List.of("bantin", "/bantin/", "/ban tin", "/b?x")) {
            assertThatThrownBy(() -> BantinFilter.builder(counter).prefix(prefix).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + prefix + "\"");
        }
        assertThatThrownBy(() -> BantinFilter.builder(counter).excludedPaths(List.of("admin")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"admin\"");
        assertThatThrownBy(() -> BantinFilter.builder(counter).trustedProxies(List.of("010.0.0.0/8")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("010.0.0.0/8");
        assertThatThrownBy(() -> BantinFilter.builder(counter).prefix("/a").prefix("/b"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("prefix");
        assertThat(BantinFilter.builder(counter).build().prefix()).isEqualTo("/bantin");
    }
}
