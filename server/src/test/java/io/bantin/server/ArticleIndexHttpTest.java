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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article index over real HTTP and a real SQLite file: hits without the database, and servers sharing one. */
class ArticleIndexHttpTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:08:00Z");
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static ServerConfig config(Path dir, MutableClock clock) {
        return ServerConfig.builder().port(0).host("127.0.0.1").database(dir.resolve("bantin.db"))
                .adminPassword(TestPortal.PASSWORD).clock(clock).build();
    }

    private static Article.Builder article(String title) {
        return Article.builder().title(title).summary("Tóm tắt").body("<p>Nội dung bài " + title + "</p>")
                .category("Thời sự").status(Status.PUBLISHED).publishedAt(T0.minus(Duration.ofHours(1)));
    }

    @Test
    void hitsNeverTouchTheDatabase(@TempDir Path dir) {
        MutableClock clock = new MutableClock(T0);
        // Articles saved before the server starts: the index learns them from its one query at start.
        try (Database db = Database.sqlite(dir.resolve("bantin.db"))) {
            SqlArticleRepository repo = new SqlArticleRepository(db, clock, ArticleHtml.policy());
            repo.save(article("Khánh thành cầu Bến Đò").build());
            repo.save(article("Lịch tiếp công dân").status(Status.SCHEDULED).publishedAt(T0.plus(Duration.ofHours(1))).build());
            repo.save(article("Bản nháp").status(Status.DRAFT).publishedAt(null).build());
        }
        AtomicReference<CountingArticles> counting = new AtomicReference<>();
        try (BantinServer server = BantinServer.start(config(dir, clock),
                db -> {
                    counting.set(new CountingArticles(new SqlArticleRepository(db, clock, ArticleHtml.policy())));
                    return counting.get();
                })) {
            CountingArticles repo = counting.get();
            assertThat(repo.count("keys")).as("loaded with one query").isEqualTo(1);
            repo.clear();

            assertThat(hit(server, "{\"articleSlug\":\"khanh-thanh-cau-ben-do\"}", UA)).isEqualTo(204);
            assertThat(hit(server, "{\"path\":\"/tin/khanh-thanh\",\"articleSlug\":\"khanh-thanh-cau-ben-do\"}", UA + " 2"))
                    .isEqualTo(204);
            for (int i = 0; i < 50; i++) {
                // An attacker's random slugs: each once, none in the database.
                assertThat(hit(server, "{\"articleSlug\":\"khong-co-" + i + "\"}", UA)).isEqualTo(404);
            }
            assertThat(hit(server, "{\"articleSlug\":\"ban-nhap\"}", UA)).as("a draft").isEqualTo(404);
            assertThat(hit(server, "{\"articleSlug\":\"lich-tiep-cong-dan\"}", UA)).as("not yet").isEqualTo(404);
            clock.set(T0.plus(Duration.ofHours(1)));
            assertThat(hit(server, "{\"articleSlug\":\"lich-tiep-cong-dan\"}", UA)).as("its time has come").isEqualTo(204);
            // The page's 404 for an unknown or hidden slug comes from the index too.
            assertThat(get(server, "/articles/khong-co").statusCode()).isEqualTo(404);
            assertThat(get(server, "/articles/ban-nhap").statusCode()).isEqualTo(404);

            assertThat(repo.count("findBySlug") + repo.count("findById")).as(repo.calls().toString()).isZero();
            assertThat(repo.calls()).as("nothing on a request thread but the error page's category list")
                    .allMatch(c -> c.startsWith("categories@") || c.contains("@bantin-article-refresh"));

            assertThat(views(server, "khanh-thanh-cau-ben-do")).isEqualTo(2);
            assertThat(views(server, "lich-tiep-cong-dan")).isEqualTo(1);
        }
    }

    @Test
    void aRefreshPicksUpWhatAnotherServerWrote(@TempDir Path dir) {
        MutableClock clock = new MutableClock(T0);
        try (BantinServer server = BantinServer.start(config(dir, clock));
             Database otherDb = Database.sqlite(dir.resolve("bantin.db"))) {
            SqlArticleRepository other = new SqlArticleRepository(otherDb, clock, ArticleHtml.policy());
            Article a = other.save(article("Hội nghị tổng kết năm").build());
            // Not asserted unknown first: the server reads the article change number every 250 ms
            // and may know it already.
            server.articles().refresh();
            assertThat(hit(server, "{\"articleSlug\":\"hoi-nghi-tong-ket-nam\"}", UA)).isEqualTo(204);
            assertThat(get(server, "/articles/hoi-nghi-tong-ket-nam").body()).contains("Hội nghị tổng kết năm");

            clock.advance(Duration.ofMinutes(1));
            other.save(a.toBuilder().title("Hội nghị tổng kết năm 2026").slug("tong-ket-2026").build());
            server.articles().refresh();
            assertThat(hit(server, "{\"articleSlug\":\"hoi-nghi-tong-ket-nam\"}", UA)).isEqualTo(404);
            assertThat(hit(server, "{\"articleSlug\":\"tong-ket-2026\"}", UA + " 2")).isEqualTo(204);
            assertThat(get(server, "/articles/tong-ket-2026").body()).as("the edit, not the cached page")
                    .contains("Hội nghị tổng kết năm 2026");
            assertThat(views(server, "tong-ket-2026")).isEqualTo(2);

            other.delete(a.id());
            server.articles().refresh();
            assertThat(hit(server, "{\"articleSlug\":\"tong-ket-2026\"}", UA)).isEqualTo(404);
            assertThat(get(server, "/articles/tong-ket-2026").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anEditThroughTheApiIsServedAtOnce(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            TestPortal.Login login = portal.login();
            HttpResponse<String> created = portal.json("POST", "/api/articles",
                    "{\"title\":\"Bản đầu\",\"summary\":\"Tóm tắt\",\"body\":\"<p>Nội dung</p>\",\"status\":\"published\"}",
                    login.headers());
            long id = TestPortal.parse(created).get("id").asLong();
            assertThat(portal.get("/articles/ban-dau").body()).contains("Bản đầu");
            portal.clock.advance(Duration.ofSeconds(1));
            assertThat(portal.json("PUT", "/api/articles/" + id,
                    "{\"title\":\"Bản sửa\",\"slug\":\"ban-sua\",\"summary\":\"Tóm tắt\",\"body\":\"<p>Nội dung</p>\","
                            + "\"status\":\"published\"}", login.headers()).statusCode()).isEqualTo(200);
            assertThat(portal.get("/articles/ban-dau").statusCode()).isEqualTo(404);
            assertThat(portal.get("/articles/ban-sua").body()).contains("Bản sửa");
            assertThat(portal.json("POST", "/api/hits", "{\"articleSlug\":\"ban-sua\"}", "User-Agent", UA).statusCode())
                    .isEqualTo(204);
            assertThat(portal.send("DELETE", "/api/articles/" + id, null, null, login.headers()).statusCode()).isEqualTo(204);
            assertThat(portal.json("POST", "/api/hits", "{\"articleSlug\":\"ban-sua\"}", "User-Agent", UA).statusCode())
                    .isEqualTo(404);
        }
    }

    private int hit(BantinServer server, String body, String userAgent) {
        return send(server, HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/hits"))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    private HttpResponse<String> get(BantinServer server, String path) {
        return send(server, HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("User-Agent", UA));
    }

    private long views(BantinServer server, String slug) {
        HttpResponse<String> r = get(server, "/api/articles/" + slug);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestPortal.parse(r).get("views").asLong();
    }

    private HttpResponse<String> send(BantinServer server, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
