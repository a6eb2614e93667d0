package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One address with ever new User-Agents adds at most the per-address budget to the public figures. */
class VisitorBudgetHttpTest {

    /** A browser User-Agent made up at random, as a script inflating the counter would send. */
    private static String randomBrowser(Random random) {
        return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + (100 + random.nextInt(30)) + ".0." + random.nextInt(10_000) + "." + random.nextInt(1_000)
                + " Safari/537.36";
    }

    private static String slug(TestPortal portal) {
        return TestPortal.parse(portal.get("/api/articles")).get("items").get(0).get("slug").asText();
    }

    /** Half the requests read the article page, half post a hit for it as a cached page's script does. */
    private static void thousandNewBrowsers(TestPortal portal, String slug) {
        Random random = new Random(20261127);
        for (int i = 0; i < 1_000; i++) {
            String ua = randomBrowser(random);
            int status = i % 2 == 0
                    ? portal.get("/articles/" + slug, "User-Agent", ua).statusCode()
                    : portal.json("POST", "/api/hits", "{\"articleSlug\":\"" + slug + "\"}", "User-Agent", ua).statusCode();
            assertThat(status).isIn(200, 204);
        }
    }

    @Test
    void aThousandRandomUserAgentsFromOneAddressAddAtMostTheDefaultBudgetOf300(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, true, b -> b.metricsToken(MetricsHttpTest.TOKEN))) {
            String slug = slug(portal);
            thousandNewBrowsers(portal, slug);

            var stats = portal.stats();
            assertThat(stats.get("today").asLong()).isEqualTo(300);
            assertThat(stats.get("online").asLong()).isEqualTo(300);
            assertThat(stats.get("total").asLong()).isEqualTo(300);
            assertThat(TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong()).isEqualTo(300);
            portal.server.counter().flush();
            long pageViews = TestPortal.parse(portal.get("/api/stats/daily?from=2026-11-27&to=2026-11-27")).get(0)
                    .get("pageViews").asLong();
            assertThat(pageViews).as("every request is still a page view").isEqualTo(1_000);

            assertThat(portal.get("/metrics", "Authorization", "Bearer " + MetricsHttpTest.TOKEN).body()).contains("bantin_visitor_budget_exceeded_total 700.0");
            String dashboard = portal.get("/admin", "Cookie", portal.login().cookie()).body();
            Matcher figure = Pattern.compile("Lượt vượt hạn mức mỗi địa chỉ hôm nay</dt><dd>(\\d+)</dd>").matcher(dashboard);
            assertThat(figure.find()).as(dashboard).isTrue();
            assertThat(figure.group(1)).isEqualTo("700");
        }
    }

    @Test
    void aBudgetOfZeroCountsEveryBrowserAsBefore(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, true, b -> b.visitorBudget(0))) {
            String slug = slug(portal);
            thousandNewBrowsers(portal, slug);
            assertThat(portal.stats().get("today").asLong()).isEqualTo(1_000);
            assertThat(TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong()).isEqualTo(1_000);
        }
    }

    @Test
    void theBudgetRefillsAnHourLater(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, true, b -> b.visitorBudget(10))) {
            String slug = slug(portal);
            thousandNewBrowsers(portal, slug);
            assertThat(portal.stats().get("today").asLong()).isEqualTo(10);
            portal.clock.advance(java.time.Duration.ofHours(1));
            HttpResponse<String> page = portal.get("/articles/" + slug, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(portal.stats().get("today").asLong()).isEqualTo(11);
        }
    }
}
