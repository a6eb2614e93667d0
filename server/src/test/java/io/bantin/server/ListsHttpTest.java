package io.bantin.server;

import io.bantin.render.ArticleHtml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every list endpoint over real HTTP on a real SQLite file, with a repository that counts the
 * articles and body characters it hands out: a page loads no more articles than it shows, and
 * pages that show teasers load no bodies.
 */
class ListsHttpTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:08:00Z");
    private static final int ARTICLES = 45;
    private static final String BODY = "<p>" + "Nội dung bài viết rất dài. ".repeat(800) + "</p>";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private BantinServer server;
    private CountingArticles repo;

    @BeforeEach
    void start(@TempDir Path dir) {
        MutableClock clock = new MutableClock(T0);
        try (Database db = Database.sqlite(dir.resolve("bantin.db"))) {
            SqlArticleRepository articles = new SqlArticleRepository(db, clock, ArticleHtml.policy());
            for (int i = 1; i <= ARTICLES; i++) {
                // The third has no summary: the feed describes it with its body's text.
                articles.save(Article.builder().title("Hội nghị số " + i).summary(i == 3 ? "" : "Tóm tắt hội nghị số " + i).body(BODY)
                        .category("Thời sự").tags("Chuyển đổi số").status(Status.PUBLISHED)
                        .publishedAt(T0.minus(Duration.ofMinutes(i))).build());
            }
        }
        AtomicReference<CountingArticles> counting = new AtomicReference<>();
        server = BantinServer.start(ServerConfig.builder().port(0).host("127.0.0.1").database(dir.resolve("bantin.db"))
                .adminPassword(TestPortal.PASSWORD).clock(clock).build(), db -> {
                    counting.set(new CountingArticles(new SqlArticleRepository(db, clock, ArticleHtml.policy())));
                    return counting.get();
                });
        repo = counting.get();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void teaserPagesLoadOnePageOfArticlesAndNoBodies() throws Exception {
        for (String path : new String[] {"/", "/?page=3", "/categories/thoi-su", "/categories/thoi-su?page=2",
                "/tags/chuyen-doi-so", "/search?q=hoi+nghi", "/search?q=hoi+nghi&page=5"}) {
            repo.clear();
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("Hội nghị số");
            assertThat(repo.bodyCharsLoaded()).as(path + " " + repo.calls()).isZero();
            assertThat(repo.articlesLoaded()).as(path + " " + repo.calls()).isBetween(1L, 10L);
        }
    }

    @Test
    void theEditorsListLoadsOnePageAndNoBodies() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        for (String path : new String[] {"/admin/articles", "/admin/articles?page=3"}) {
            repo.clear();
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Cookie", cookie));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("Hội nghị số");
            assertThat(repo.bodyCharsLoaded()).as(path + " " + repo.calls()).isZero();
            assertThat(repo.articlesLoaded()).as(path + " " + repo.calls()).isBetween(1L, 20L);
        }
    }

    @Test
    void theApiFeedAndSitemapLoadNoMoreThanTheyReturn() throws Exception {
        repo.clear();
        HttpResponse<String> api = get("/api/articles?size=5&page=2");
        JsonNode items = TestPortal.JSON.readTree(api.body()).get("items");
        assertThat(items).hasSize(5);
        // The API returns bodies (its JSON is pinned): it loads exactly the five it returns.
        assertThat(repo.articlesLoaded()).isEqualTo(5);
        assertThat(repo.bodyCharsLoaded()).isEqualTo(5L * items.get(0).get("body").asText().length());

        repo.clear();
        assertThat(get("/feed.xml").body()).contains("<item>");
        assertThat(repo.articlesLoaded()).as("the feed's 20 teasers and the one body it prints").isEqualTo(21);
        assertThat(repo.bodyCharsLoaded()).as("only the body of the item without a summary").isEqualTo(BODY.length());

        repo.clear();
        assertThat(SitemapHttpTest.locs(get("/sitemap.xml").body())).hasSize(ARTICLES);
        assertThat(repo.articlesLoaded()).as("keys only").isZero();
        assertThat(repo.calls()).allMatch(c -> c.startsWith("publishedKeys@") || c.contains("@bantin-article-refresh"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
