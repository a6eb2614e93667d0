package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Visits by referrer and device over real HTTP: the pages and the widget count them, the API and the dashboard show them. */
class BreakdownHttpTest {
    static final String DESKTOP = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15";
    static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";

    @TempDir
    Path dir;
    TestPortal portal;

    @BeforeEach
    void start() {
        portal = TestPortal.start(dir, true, b -> b.corsOrigins(List.of("https://other.gov.vn"))
                .baseUrl("https://tin.example.gov.vn").trustedProxies(List.of("127.0.0.1/32")));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private String slug() {
        return TestPortal.parse(portal.get("/api/articles")).get("items").get(0).get("slug").asText();
    }

    /** A page view from its own address (through the trusted proxy), so each is a new visitor. */
    private void view(String path, int client, String ua, String referer) {
        String[] headers = referer == null
                ? new String[] {"User-Agent", ua, "X-Forwarded-For", "203.0.113." + client}
                : new String[] {"User-Agent", ua, "X-Forwarded-For", "203.0.113." + client, "Referer", referer};
        assertThat(portal.get(path, headers).statusCode()).isEqualTo(200);
    }

    @Test
    void articlePagesAndTheWidgetCountVisitsByReferrerHostAndDeviceAndTheApiListsTheTop() {
        String article = "/articles/" + slug();
        view(article, 1, DESKTOP, "https://www.vnexpress.net/thoi-su/abc.html?utm_source=x");
        view(article, 2, PHONE, "https://vnexpress.net/other");
        view(article, 2, PHONE, "https://zalo.me/");                   // same visit: counted once
        view(article, 3, PHONE, null);
        view(article, 4, DESKTOP, "https://tin.example.gov.vn/");    // the site's own host
        // The widget sends the page's document.referrer; its own Referer is the page itself.
        HttpResponse<String> hit = portal.json("POST", "/api/hits",
                "{\"path\":\"/embedded\",\"referrer\":\"https://dantri.com.vn/a\"}",
                "User-Agent", DESKTOP, "X-Forwarded-For", "203.0.113.5", "Referer", "https://other.gov.vn/embedded");
        assertThat(hit.statusCode()).as(hit.body()).isEqualTo(204);

        HttpResponse<String> r = portal.get("/api/stats/breakdown?dimension=referrer", "Origin", "https://other.gov.vn");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("https://other.gov.vn");
        JsonNode body = TestPortal.parse(r);
        assertThat(body.get("dimension").asText()).isEqualTo("referrer");
        assertThat(body.get("from").asText()).isEqualTo("2026-10-29");
        assertThat(body.get("to").asText()).isEqualTo("2026-11-27");
        assertThat(body.get("items").toString()).isEqualTo("[{\"value\":\"vnexpress.net\",\"visits\":2},"
                + "{\"value\":\"(direct)\",\"visits\":1},{\"value\":\"(internal)\",\"visits\":1},"
                + "{\"value\":\"dantri.com.vn\",\"visits\":1}]");
        assertThat(r.body()).doesNotContain("utm_source", "thoi-su", "other.gov.vn");

        JsonNode devices = TestPortal.parse(portal.get("/api/stats/breakdown?dimension=device&from=2026-11-27&to=2026-11-27&limit=1"));
        assertThat(devices.get("items").toString()).isEqualTo("[{\"value\":\"desktop\",\"visits\":3}]");
        assertThat(portal.stats().get("today").asLong()).as("the breakdown adds up to the visits").isEqualTo(5);
        assertThat(TestPortal.parse(portal.get("/api/stats/breakdown?dimension=device&to=2026-11-26")).get("items"))
                .isEmpty();
    }

    @Test
    void badQueriesAre400sNamingTheField() {
        assertBad("/api/stats/breakdown", "dimension");
        assertBad("/api/stats/breakdown?dimension=browser", "dimension");
        assertBad("/api/stats/breakdown?dimension=referrer&from=yesterday", "from");
        assertBad("/api/stats/breakdown?dimension=referrer&from=2026-11-27&to=2026-11-01", "to");
        assertBad("/api/stats/breakdown?dimension=referrer&from=2025-01-01&to=2026-11-27", "from");
        assertBad("/api/stats/breakdown?dimension=referrer&to=99999-01-01", "to");
        assertBad("/api/stats/breakdown?dimension=device&limit=0", "limit");
        assertBad("/api/stats/breakdown?dimension=device&limit=101", "limit");
        assertBad("/api/stats/breakdown?dimension=device&limit=ten", "limit");
        assertThat(portal.get("/api/stats/breakdown?dimension=device&limit=100").statusCode()).isEqualTo(200);
        HttpResponse<String> longReferrer = portal.json("POST", "/api/hits",
                "{\"path\":\"/\",\"referrer\":\"https://a.vn/" + "x".repeat(8200) + "\"}", "User-Agent", DESKTOP);
        assertThat(longReferrer.statusCode()).isEqualTo(400);
        assertThat(TestPortal.parse(longReferrer).get("details").has("referrer")).isTrue();
    }

    private void assertBad(String path, String field) {
        HttpResponse<String> r = portal.get(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
        JsonNode body = TestPortal.parse(r);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("details").has(field)).as(path + " " + r.body()).isTrue();
        assertThat(r.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void theDashboardShowsTheTopReferrersAndDevicesForTheChosenPeriod() {
        String article = "/articles/" + slug();
        view(article, 1, PHONE, "https://vnexpress.net/a");
        view(article, 2, DESKTOP, null);
        HttpResponse<String> login = portal.loginForm("admin", TestPortal.PASSWORD);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> admin = portal.get("/admin", "Cookie", cookie);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("Nguồn truy cập và thiết bị (30 ngày", "id=\"referrers\"", "id=\"devices\"",
                "<th scope=\"row\">vnexpress.net</th><td>1</td>", "<th scope=\"row\">Truy cập trực tiếp</th><td>1</td>",
                "<th scope=\"row\">Điện thoại</th><td>1</td>", "<th scope=\"row\">Máy tính</th><td>1</td>",
                "name=\"period\"");
        Matcher selected = Pattern.compile("<option value=\"(\\d+)\" selected>").matcher(admin.body());
        assertThat(selected.find()).as(admin.body()).isTrue();
        assertThat(selected.group(1)).isEqualTo("30");

        portal.clock.advance(java.time.Duration.ofDays(10));
        login = portal.loginForm("admin", TestPortal.PASSWORD); // the session of ten days ago expired
        cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> week = portal.get("/admin?period=7", "Cookie", cookie);
        assertThat(week.body()).contains("Nguồn truy cập và thiết bị (7 ngày", "Chưa có lượt truy cập.")
                .doesNotContain("<th scope=\"row\">vnexpress.net</th>");
        assertThat(portal.get("/admin?period=90", "Cookie", cookie).body())
                .contains("<th scope=\"row\">vnexpress.net</th><td>1</td>");
        assertThat(portal.get("/admin?period=abc", "Cookie", cookie).body()).contains("(30 ngày");
    }
}
