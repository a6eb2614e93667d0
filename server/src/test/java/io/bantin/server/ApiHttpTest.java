package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over real HTTP: shapes, the editor's writes, and every error status. */
class ApiHttpTest {
    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/131.0";
    static final String ARTICLE = "{\"title\":\"Khánh thành cầu Bến Đò\",\"summary\":\"Cầu mới nối hai bờ.\","
            + "\"body\":\"<p>Sáng nay <script>alert(1)</script>cầu được khánh thành.</p>\","
            + "\"author\":{\"name\":\"Nguyễn Văn A\",\"position\":\"Phó Chủ tịch UBND tỉnh\"},"
            + "\"source\":{\"text\":\"Báo Sông Lam\",\"url\":null},\"category\":\"Thời sự\",\"tags\":[\"giao thông\"],"
            + "\"status\":\"published\",\"image\":{\"url\":\"https://example.org/cau.jpg\",\"alt\":\"Cây cầu mới\"}}";

    @TempDir
    Path dir;
    TestPortal portal;

    @BeforeEach
    void start() {
        portal = TestPortal.start(dir, false, b -> b.corsOrigins(List.of("https://other.gov.vn")));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void statsHasExactlyTheDocumentedShape() {
        portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
        HttpResponse<String> r = portal.get("/api/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode s = TestPortal.parse(r);
        List<String> fields = new ArrayList<>();
        s.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("online", "today", "yesterday", "thisWeek", "thisMonth", "total", "asOf", "zone");
        assertThat(s.get("today").asLong()).isEqualTo(1);
        assertThat(s.get("online").asLong()).isEqualTo(1);
        assertThat(s.get("asOf").asText()).isEqualTo("2026-11-27T03:08:00Z");
        assertThat(s.get("zone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
    }

    @Test
    void dailyStatsAndTheirErrors() {
        portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
        HttpResponse<String> r = portal.get("/api/stats/daily?from=2026-11-01&to=2026-11-27");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode days = TestPortal.parse(r);
        assertThat(days).hasSize(27);
        assertThat(days.get(0).toString()).isEqualTo("{\"date\":\"2026-11-01\",\"visits\":0,\"pageViews\":0}");
        assertThat(days.get(26).get("visits").asLong()).isEqualTo(1);
        assertThat(days.get(26).get("pageViews").asLong()).isEqualTo(1);

        assertError(portal.get("/api/stats/daily?from=2026-11-30&to=2026-11-01"), 400, "to");
        assertError(portal.get("/api/stats/daily?from=2024-01-01&to=2026-11-01"), 400, "from");
        assertError(portal.get("/api/stats/daily?from=yesterday"), 400, "from");
    }

    @Test
    void hitsAndTheirErrors() {
        assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/gioi-thieu\"}", "User-Agent", UA).statusCode()).isEqualTo(204);
        assertError(portal.json("POST", "/api/hits", "{}"), 400, "path");
        assertError(portal.json("POST", "/api/hits", "{\"path\":\"no-slash\"}"), 400, "path");
        assertError(portal.json("POST", "/api/hits", "{\"path\":42}"), 400, "path");
        assertError(portal.json("POST", "/api/hits", "{not json"), 400, "body");
        assertError(portal.json("POST", "/api/hits", "[1,2]"), 400, "body");
        assertError(portal.send("POST", "/api/hits", "text/plain", "{\"path\":\"/\"}"), 415, "Content-Type");
        assertError(portal.send("POST", "/api/hits", null, "{\"path\":\"/\"}"), 415, "Content-Type");
        assertThat(rawPost(portal, "/api/hits", 2 * 1024 * 1024)).startsWith("HTTP/1.1 413").contains("\"error\"");
        assertError(portal.json("POST", "/api/hits", "{\"articleSlug\":\"khong-co\"}"), 404, "articleSlug");
        assertError(portal.get("/api/hits"), 405, null);
        assertThat(portal.stats().get("today").asLong()).isEqualTo(1);
    }

    @Test
    void hitsByArticleSlugCountTheArticle() {
        TestPortal.Login login = portal.login();
        String slug = TestPortal.parse(portal.json("POST", "/api/articles", ARTICLE, login.headers())).get("slug").asText();
        assertThat(portal.json("POST", "/api/hits", "{\"articleSlug\":\"" + slug + "\"}", "User-Agent", UA).statusCode()).isEqualTo(204);
        assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/tin/" + slug + "\",\"articleSlug\":\"" + slug + "\"}",
                "User-Agent", UA + " 2").statusCode()).isEqualTo(204);
        assertThat(TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong()).isEqualTo(2);
    }

    @Test
    void corsPreflightAndGrantOnlyForConfiguredOrigins() {
        HttpResponse<String> pre = portal.send("OPTIONS", "/api/hits", null, null, "Origin", "https://other.gov.vn",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).contains("https://other.gov.vn");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("content-type");
        HttpResponse<String> stats = portal.get("/api/stats", "Origin", "https://other.gov.vn");
        assertThat(stats.headers().firstValue("Access-Control-Allow-Origin")).contains("https://other.gov.vn");
        HttpResponse<String> evil = portal.get("/api/stats", "Origin", "https://evil.example");
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(portal.get("/widget.js", "Origin", "https://other.gov.vn").headers()
                .firstValue("Access-Control-Allow-Origin")).contains("https://other.gov.vn");
    }

    @Test
    void editorCreatesReplacesAndDeletesArticles() {
        TestPortal.Login login = portal.login();
        HttpResponse<String> created = portal.json("POST", "/api/articles", ARTICLE, login.headers());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode a = TestPortal.parse(created);
        List<String> fields = new ArrayList<>();
        a.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "slug", "title", "summary", "body", "author", "source", "category",
                "tags", "status", "publishedAt", "updatedAt", "image", "views");
        assertThat(a.get("slug").asText()).isEqualTo("khanh-thanh-cau-ben-do");
        assertThat(created.headers().firstValue("Location")).contains("/api/articles/khanh-thanh-cau-ben-do");
        assertThat(a.get("status").asText()).isEqualTo("published");
        assertThat(a.get("publishedAt").asText()).isEqualTo("2026-11-27T03:08:00Z");
        assertThat(a.get("body").asText()).doesNotContain("<script");
        assertThat(a.get("source").get("url").isNull()).isTrue();
        assertThat(a.get("author").get("position").asText()).isEqualTo("Phó Chủ tịch UBND tỉnh");
        assertThat(a.get("views").asLong()).isZero();
        long id = a.get("id").asLong();

        JsonNode got = TestPortal.parse(portal.get("/api/articles/khanh-thanh-cau-ben-do"));
        assertThat(got.get("id").asLong()).isEqualTo(id);
        JsonNode list = TestPortal.parse(portal.get("/api/articles?page=1&size=20&q=ben%20do&category=thoi-su&tag=giao-thong"));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("page").asInt()).isEqualTo(1);
        assertThat(list.get("size").asInt()).isEqualTo(20);
        assertThat(list.get("items").get(0).get("slug").asText()).isEqualTo("khanh-thanh-cau-ben-do");

        HttpResponse<String> replaced = portal.json("PUT", "/api/articles/" + id,
                ARTICLE.replace("Khánh thành cầu Bến Đò", "Khánh thành cầu Bến Đò mới").replace("\"published\"", "\"draft\""),
                login.headers());
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(TestPortal.parse(replaced).get("slug").asText()).isEqualTo("khanh-thanh-cau-ben-do");
        assertThat(TestPortal.parse(replaced).get("status").asText()).isEqualTo("draft");
        assertThat(portal.get("/api/articles/khanh-thanh-cau-ben-do").statusCode()).isEqualTo(404);
        assertThat(portal.get("/articles/khanh-thanh-cau-ben-do").statusCode()).isEqualTo(404);
        assertThat(portal.get("/api/articles/khanh-thanh-cau-ben-do", "Cookie", login.cookie()).statusCode()).isEqualTo(200);

        assertThat(portal.send("DELETE", "/api/articles/" + id, null, null, login.headers()).statusCode()).isEqualTo(204);
        assertError(portal.send("DELETE", "/api/articles/" + id, null, null, login.headers()), 404, null);
        assertError(portal.json("PUT", "/api/articles/" + id, ARTICLE, login.headers()), 404, null);
    }

    @Test
    void schedulingNeedsATimeAndShowsUpWhenItComes() {
        TestPortal.Login login = portal.login();
        assertError(portal.json("POST", "/api/articles", ARTICLE.replace("\"published\"", "\"scheduled\""), login.headers()),
                400, "publishedAt");
        String scheduled = ARTICLE.replace("\"published\"", "\"scheduled\",\"publishedAt\":\"2026-11-27T05:00:00Z\"");
        HttpResponse<String> r = portal.json("POST", "/api/articles", scheduled, login.headers());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(portal.get("/articles/khanh-thanh-cau-ben-do").statusCode()).isEqualTo(404);
        portal.clock.advance(Duration.ofHours(2));
        assertThat(portal.get("/articles/khanh-thanh-cau-ben-do").statusCode()).isEqualTo(200);
    }

    @Test
    void validationNamesEveryField() {
        TestPortal.Login login = portal.login();
        HttpResponse<String> r = portal.json("POST", "/api/articles",
                "{\"title\":\"\",\"status\":\"secret\",\"publishedAt\":\"tomorrow\",\"tags\":\"x\"}", login.headers());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestPortal.parse(r).get("details").has("status")).isTrue();
        assertThat(TestPortal.parse(r).get("details").has("publishedAt")).isTrue();
        assertThat(TestPortal.parse(r).get("details").has("tags")).isTrue();
        HttpResponse<String> core = portal.json("POST", "/api/articles",
                "{\"title\":\"\",\"source\":{\"text\":\"x\",\"url\":\"ftp://x\"},\"image\":{\"url\":\"\",\"alt\":\"\"}}", login.headers());
        assertThat(core.statusCode()).isEqualTo(400);
        JsonNode details = TestPortal.parse(core).get("details");
        assertThat(details.has("title")).as(details.toString()).isTrue();
        assertThat(details.has("source.url")).as(details.toString()).isTrue();
        assertThat(details.has("image.url")).as(details.toString()).isTrue();
        assertThat(core.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void listingParametersAreChecked() {
        assertError(portal.get("/api/articles?page=0"), 400, "page");
        assertError(portal.get("/api/articles?size=101"), 400, "size");
        assertError(portal.get("/api/articles?size=abc"), 400, "size");
        // 66 distinct two-letter words fit in 200 characters but exceed what the search accepts.
        assertError(portal.get("/api/articles?q=" + manyWords(66)), 400, "q");
        assertThat(portal.get("/api/articles?q=" + manyWords(64)).statusCode()).isEqualTo(200);
        JsonNode empty = TestPortal.parse(portal.get("/api/articles"));
        assertThat(empty.toString()).isEqualTo("{\"items\":[],\"page\":1,\"size\":20,\"total\":0}");
        assertError(portal.get("/api/articles/khong-co"), 404, null);
    }

    @Test
    void writesNeedASessionAndTheCsrfToken() {
        assertError(portal.json("POST", "/api/articles", ARTICLE), 401, null);
        assertError(portal.json("PUT", "/api/admin/baseline", "{\"total\":5}"), 401, null);
        assertError(portal.send("DELETE", "/api/articles/1", null, null), 401, null);
        TestPortal.Login login = portal.login();
        assertError(portal.json("POST", "/api/articles", ARTICLE, "Cookie", login.cookie()), 403, null);
        assertError(portal.json("POST", "/api/articles", ARTICLE, "Cookie", login.cookie(), "X-CSRF-Token", "wrong"), 403, null);
        assertError(portal.json("POST", "/api/articles", ARTICLE, "Cookie", "bantin_session=forged", "X-CSRF-Token", login.csrf()), 401, null);
        assertError(portal.send("PATCH", "/api/articles/1", "application/json", "{}", login.headers()), 405, null);
    }

    @Test
    void loginCookieLogoutAndThrottle() {
        HttpResponse<String> ok = portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("bantin_session=").contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
        assertThat(TestPortal.parse(ok).get("csrfToken").asText()).hasSizeGreaterThan(20);
        TestPortal.Login login = portal.login();
        assertThat(portal.json("POST", "/api/logout", "{}", login.headers()).statusCode()).isEqualTo(204);
        assertError(portal.json("POST", "/api/articles", ARTICLE, login.headers()), 401, null);

        HttpResponse<String> wrongUser = portal.json("POST", "/api/login", "{\"username\":\"nobody\",\"password\":\"x\"}");
        HttpResponse<String> wrongPassword = portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"x\"}");
        assertThat(wrongUser.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongUser.body()).isEqualTo(wrongPassword.body());
        assertError(portal.json("POST", "/api/login", "{\"username\":\"admin\"}"), 400, "password");
        for (int i = 0; i < 4; i++) {
            portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"guess" + i + "\"}");
        }
        HttpResponse<String> throttled = portal.json("POST", "/api/login",
                "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}");
        assertError(throttled, 429, null);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("10");
        portal.clock.advance(Duration.ofSeconds(10));
        assertThat(portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void secureCookieWhenTheBaseUrlIsHttps(@TempDir Path other) {
        try (TestPortal https = TestPortal.start(other, false, b -> b.baseUrl("https://tin.example.gov.vn"))) {
            HttpResponse<String> ok = https.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}");
            assertThat(ok.headers().firstValue("Set-Cookie").orElse("")).contains("Secure", "HttpOnly", "SameSite=Strict");
            assertThat(https.get("/robots.txt").body()).contains("https://tin.example.gov.vn/sitemap.xml");
        }
    }

    @Test
    void baselineIsAddedToTheTotal() {
        portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
        TestPortal.Login login = portal.login();
        HttpResponse<String> r = portal.json("PUT", "/api/admin/baseline", "{\"total\":722158}", login.headers());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(portal.stats().get("total").asLong()).isEqualTo(722159);
        assertError(portal.json("PUT", "/api/admin/baseline", "{\"total\":-1}", login.headers()), 400, "total");
        assertError(portal.json("PUT", "/api/admin/baseline", "{\"total\":\"many\"}", login.headers()), 400, "total");
        assertError(portal.json("PUT", "/api/admin/baseline", "{}", login.headers()), 400, "total");
    }

    /**
     * Sends only the headers of a POST announcing a large body and reads the answer: the server
     * must refuse from Content-Length alone (java.net.http cannot do this without sending it all).
     */
    static String rawPost(TestPortal portal, String path, long contentLength) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", portal.server.port())) {
            socket.setSoTimeout(10_000);
            String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\nConnection: close\r\n\r\n{";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    if (out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived so far is the answer
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertError(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/json");
        JsonNode body = TestPortal.parse(r);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("details").isObject()).as(r.body()).isTrue();
        if (field != null) {
            assertThat(body.get("details").has(field)).as(r.body()).isTrue();
        }
        assertThat(r.body()).doesNotContain("\tat ", "Exception");
    }

    /** {@code n} distinct words of two letters, joined by "+" (a space in a query string). */
    static String manyWords(int n) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < n; i++) {
            q.append(i == 0 ? "" : "+").append((char) ('a' + i / 26)).append((char) ('a' + i % 26));
        }
        return q.toString();
    }
}
