package io.bantin.server;

import io.bantin.render.ArticleHtml;
import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.article.Article;
import io.bantin.article.Status;
import io.bantin.store.Database;
import io.bantin.store.SqlArticleRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /sitemap.xml} over real HTTP on a real SQLite file: what it reads, and how long it is kept. */
class SitemapHttpTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:08:00Z");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Article article(String title, Instant published) {
        // A long body: the sitemap must not read it.
        return Article.builder().title(title).summary("Tóm tắt").body("<p>" + "Nội dung dài. ".repeat(2_000) + "</p>")
                .category("Thời sự").status(Status.PUBLISHED).publishedAt(published).build();
    }

    @Test
    void theSitemapReadsOnlySlugsAndDatesOncePerTheTimeItAdvertises(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (Database db = Database.sqlite(dir.resolve("bantin.db"))) {
            SqlArticleRepository repo = new SqlArticleRepository(db, clock, ArticleHtml.policy());
            repo.save(article("Tin cũ", T0.minus(Duration.ofHours(2))));
            repo.save(article("Tin mới", T0.minus(Duration.ofHours(1))));
            repo.save(Article.builder().title("Bản nháp").body("<p>x</p>").status(Status.DRAFT).build());
        }
        AtomicReference<CountingArticles> counting = new AtomicReference<>();
        ServerConfig config = ServerConfig.builder().port(0).host("127.0.0.1").database(dir.resolve("bantin.db"))
                .adminPassword(TestPortal.PASSWORD).clock(clock).build();
        try (BantinServer server = BantinServer.start(config, db -> {
                 counting.set(new CountingArticles(new SqlArticleRepository(db, clock, ArticleHtml.policy())));
                 return counting.get();
             });
             Database otherDb = Database.sqlite(dir.resolve("bantin.db"))) {
            CountingArticles repo = counting.get();
            repo.clear();

            HttpResponse<String> first = get(server, "/sitemap.xml");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=300");
            assertThat(locs(first.body())).containsExactly(server.baseUrl() + "/articles/tin-moi",
                    server.baseUrl() + "/articles/tin-cu");

            // Another server publishes: this one keeps its sitemap for the time it advertised, no longer.
            new SqlArticleRepository(otherDb, clock, ArticleHtml.policy()).save(article("Tin nóng", T0));
            clock.advance(Duration.ofSeconds(100));
            for (int i = 0; i < 20; i++) {
                assertThat(get(server, "/sitemap.xml").body()).isEqualTo(first.body());
            }
            HttpResponse<String> later = get(server, "/sitemap.xml");
            assertThat(later.headers().firstValue("Cache-Control")).contains("public, max-age=200");
            assertThat(get(server, "/sitemap-1.xml").body()).as("the one part of a small site").isEqualTo(first.body());
            assertThat(get(server, "/sitemap-2.xml").statusCode()).isEqualTo(404);
            assertThat(get(server, "/sitemap-01.xml").statusCode()).isEqualTo(404);
            assertThat(get(server, "/sitemap-99999999999.xml").statusCode()).isEqualTo(404);
            assertThat(get(server, "/sitemap-x.xml").statusCode()).isEqualTo(404);

            clock.advance(Duration.ofSeconds(200));
            HttpResponse<String> renewed = get(server, "/sitemap.xml");
            assertThat(locs(renewed.body())).startsWith(server.baseUrl() + "/articles/tin-nong").hasSize(3);
            assertThat(renewed.headers().firstValue("Cache-Control")).contains("public, max-age=300");

            List<String> requestCalls = repo.calls().stream().filter(c -> !c.contains("@bantin-article-refresh")).toList();
            assertThat(requestCalls).as("one narrow query per 300 s, no bodies, no counts")
                    .allMatch(c -> c.startsWith("publishedKeys@"))
                    .hasSize(2);
        }
    }

    static List<String> locs(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<loc>([^<]*)</loc>").matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private HttpResponse<String> get(BantinServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
