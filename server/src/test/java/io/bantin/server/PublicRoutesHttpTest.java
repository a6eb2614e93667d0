package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public pages, feeds, assets, widget, health and metrics over real HTTP, with the demo articles. */
class PublicRoutesHttpTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";

    @TempDir
    static Path dir;
    static TestPortal portal;
    static String slug;

    @BeforeAll
    static void start() {
        portal = TestPortal.start(dir, true);
        JsonNode list = TestPortal.parse(portal.get("/api/articles?size=100"));
        assertThat(list.get("total").asLong()).isBetween(5L, 6L);
        slug = list.get("items").get(0).get("slug").asText();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void homePageIsAPortalLayoutWithSecurityHeaders() {
        HttpResponse<String> r = portal.get("/", "User-Agent", UA);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("<html lang=\"vi\"", "<main id=\"main\"", "<nav", "<aside", "<footer",
                "Bỏ qua điều hướng", "Thống kê truy cập", "Đăng nhập", "Thời sự", "/articles/" + slug);
        assertSecurityHeaders(r);
        assertThat(r.body()).doesNotContain("style=\"", "<script>");
    }

    @Test
    void categoryTagAndSearchListings() {
        HttpResponse<String> category = portal.get("/categories/thoi-su");
        assertThat(category.statusCode()).isEqualTo(200);
        assertThat(category.body()).contains("Thời sự", "aria-current=\"page\"");
        assertThat(portal.get("/categories/khong-co").statusCode()).isEqualTo(404);

        HttpResponse<String> tag = portal.get("/tags/giao-thong");
        assertThat(tag.statusCode()).isEqualTo(200);
        assertThat(tag.body()).contains("giao thông");
        assertThat(portal.get("/tags/khong-co-tu-nay").statusCode()).isEqualTo(404);

        HttpResponse<String> search = portal.get("/search?q=buoi%20da%20xanh");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.headers().firstValue("Content-Type")).get().asString()
                .containsIgnoringCase("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(search.body()).contains("bưởi da xanh");
        assertThat(portal.get("/search").statusCode()).isEqualTo(200);
        HttpResponse<String> tooLong = portal.get("/search?q=" + ApiHttpTest.manyWords(66));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Từ khóa quá dài").doesNotContain("Exception");
        assertThat(portal.get("/?page=2").statusCode()).isEqualTo(404);
        assertThat(portal.get("/?page=abc").statusCode()).isEqualTo(404);
    }

    @Test
    void articlePageIsCountedAndThePrintViewIsNot() {
        portal.server.counter().flush();
        long before = portal.stats().get("today").asLong();
        HttpResponse<String> page = portal.get("/articles/" + slug, "User-Agent", UA + " article-visitor");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/" + slug + "/print", "Lượt xem", "Thống kê truy cập");
        assertThat(portal.stats().get("today").asLong()).isEqualTo(before + 1);
        long views = TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong();
        assertThat(views).isPositive();

        HttpResponse<String> print = portal.get("/articles/" + slug + "/print", "User-Agent", UA + " printer");
        assertThat(print.statusCode()).isEqualTo(200);
        assertThat(print.body()).contains("<html");
        assertThat(portal.stats().get("today").asLong()).isEqualTo(before + 1);
        assertThat(TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong()).isEqualTo(views);
        assertThat(portal.get("/articles/khong-co-bai-nay").statusCode()).isEqualTo(404);
        // The core renderer links articles where this server serves them.
        assertThat(page.body()).contains(portal.server.baseUrl() + "/articles/" + slug + "/print");
    }

    @Test
    void articlePathsWithATrailingSlashOrAnEncodedSlugWorkAndOthersAre404() {
        String encoded = slug.substring(0, 1) + "%" + Integer.toHexString(slug.charAt(1)) + slug.substring(2);
        for (String ok : List.of("/articles/" + slug + "/", "/articles/" + encoded)) {
            HttpResponse<String> page = portal.get(ok, "User-Agent", UA + " path-forms");
            assertThat(page.statusCode()).as(ok).isEqualTo(200);
            assertThat(page.body()).as(ok).contains("Lượt xem");
            assertSecurityHeaders(page);
        }
        for (String missing : List.of("/articles/", "/articles/" + slug + "/extra", "/articles/" + slug + "/print/x",
                "/articles/" + slug + "-khong-co")) {
            HttpResponse<String> page = portal.get(missing, "Accept", "text/html");
            assertThat(page.statusCode()).as(missing).isEqualTo(404);
            assertThat(page.body()).as(missing).contains("Không tìm thấy trang");
        }
        assertThat(portal.get("/articles/" + slug + "/print/").statusCode()).isEqualTo(200);
    }

    @Test
    void headAnswersAsGetWouldWithoutCounting() throws Exception {
        long views = TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong();
        long today = portal.stats().get("today").asLong();
        HttpResponse<String> head = head("/articles/" + slug);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(head.body()).isEmpty();
        assertThat(head("/articles/" + slug + "/print").statusCode()).isEqualTo(200);
        assertThat(TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong()).isEqualTo(views);
        assertThat(portal.stats().get("today").asLong()).isEqualTo(today);
        for (String missing : List.of("/articles/khong-co-bai-nay", "/articles/khong-co-bai-nay/print",
                "/categories/khong-co-chuyen-muc", "/tags/khong-co-tu-khoa", "/khong-co-trang-nay")) {
            assertThat(head(missing).statusCode()).as(missing).isEqualTo(404);
        }
        for (String page : List.of("/", "/search?q=tin")) {
            HttpResponse<String> answer = head(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(page).startsWith("text/html");
            assertThat(answer.body()).as(page).isEmpty();
        }
    }

    private HttpResponse<String> head(String path) throws Exception {
        return portal.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.server.baseUrl() + path))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", UA + " link-checker").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theArticlePageIsCompressedForClientsThatAskAndTheSameBytesOtherwise() throws Exception {
        HttpResponse<byte[]> gzip = portal.http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(portal.server.baseUrl() + "/articles/" + slug))
                .header("Accept-Encoding", "gzip").header("User-Agent", UA + " gzip-reader").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        String unzipped;
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))) {
            unzipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String plain = portal.get("/articles/" + slug, "User-Agent", UA + " plain-reader").body();
        assertThat(unzipped).startsWith("<!DOCTYPE html>").contains("Lượt xem", "Thống kê truy cập", "</html>");
        // Same page apart from the live figures (one more view, one more visit).
        assertThat(unzipped.length()).isBetween(plain.length() - 8, plain.length() + 8);
    }

    @Test
    void theAnonymousArticlePageShowsLiveViewsAndStats() {
        java.util.regex.Pattern viewsPattern = java.util.regex.Pattern.compile("data-bantin-views>([0-9.]+)<");
        String first = portal.get("/articles/" + slug, "User-Agent", UA + " live-1").body();
        String second = portal.get("/articles/" + slug, "User-Agent", UA + " live-2").body();
        Matcher m1 = viewsPattern.matcher(first);
        Matcher m2 = viewsPattern.matcher(second);
        assertThat(m1.find()).as(first).isTrue();
        assertThat(m2.find()).as(second).isTrue();
        long v1 = Long.parseLong(m1.group(1).replace(".", ""));
        long v2 = Long.parseLong(m2.group(1).replace(".", ""));
        assertThat(v2).isEqualTo(v1 + 1);
        assertThat(v2).isEqualTo(TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong());
        assertThat(second).contains("data-bantin-stat=\"today\"").doesNotContain("bantin:stats-box", "9.182.736");
        long today = portal.stats().get("today").asLong();
        assertThat(second).contains("data-bantin-stat=\"today\"><dt class=\"bantin-stats__label\">Hôm nay</dt><dd class=\"bantin-stats__value\">"
                + today + "<");
    }

    @Test
    void notFoundPagesAreFriendlyHtmlAndApiErrorsAreJson() {
        HttpResponse<String> page = portal.get("/khong-co-trang-nay", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Không tìm thấy trang", "<html lang=\"vi\"");
        assertSecurityHeaders(page);

        HttpResponse<String> api = portal.get("/api/khong-co");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(TestPortal.parse(api).get("error").asText()).isNotBlank();
        assertThat(TestPortal.parse(api).has("details")).isTrue();
    }

    @Test
    void feedSitemapAndRobots() {
        HttpResponse<String> feed = portal.get("/feed.xml");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).contains("rss+xml");
        assertThat(feed.body()).contains("<rss");
        HttpResponse<String> sitemap = portal.get("/sitemap.xml");
        assertThat(sitemap.statusCode()).isEqualTo(200);
        assertThat(sitemap.headers().firstValue("Content-Type").orElse("")).contains("xml");
        HttpResponse<String> robots = portal.get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.body()).contains("Disallow: /admin", "Sitemap: " + portal.url("/sitemap.xml"));
    }

    @Test
    void assetsAreFingerprintedAndCachedForAYear() {
        String home = portal.get("/").body();
        Matcher m = Pattern.compile("href=\"(/assets/site/[0-9a-f]+/site\\.css)\"").matcher(home);
        assertThat(m.find()).as(home).isTrue();
        HttpResponse<String> css = portal.get(m.group(1));
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000", "immutable");
        String etag = css.headers().firstValue("ETag").orElseThrow();
        assertThat(portal.get(m.group(1), "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(portal.get("/assets/site/old/site.css").headers().firstValue("Cache-Control").orElse(""))
                .isEqualTo("public, max-age=300");
        assertThat(portal.get("/assets/site/x/nope.css").statusCode()).isEqualTo(404);

        Matcher reader = Pattern.compile("(/assets/bantin/[0-9a-f]+/)[a-z]+\\.(css|js)").matcher(home);
        assertThat(reader.find()).as(home).isTrue();
        assertThat(portal.get(reader.group()).statusCode()).isEqualTo(200);
    }

    @Test
    void widgetScriptWithCorsOnlyForConfiguredOrigins() {
        HttpResponse<String> js = portal.get("/widget.js", "Origin", "https://other.gov.vn");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(js.body()).contains("data-bantin-stats", "/api/hits", "/api/stats");
        // No origins configured in this portal: no CORS grant.
        assertThat(js.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void healthIsPublicAndMetricsAreNot() {
        HttpResponse<String> health = portal.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        // Without a token or a metrics port configured, /metrics does not exist on the public port.
        HttpResponse<String> metrics = portal.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(metrics.body()).doesNotContain("bantin_", "http_server_requests");
    }

    static void assertSecurityHeaders(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
    }
}
