package io.bantin.server;

import static io.bantin.server.ApiHttpTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dates and numbers that parse but lie outside what the portal can handle are a 400 naming the
 * field and the range, never a 500; and a baseline stored before the cap cannot fail a page.
 */
class OutOfRangeHttpTest {
    static final String UA = ApiHttpTest.UA;

    @TempDir
    Path dir;

    @Test
    void dailyStatsDatesOutsideYears1970To9999AreA400NamingTheRange() {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            for (String query : new String[] {"to=-999999999-01-01", "to=%2B999999999-12-31", "from=-999999999-01-01",
                "from=%2B10000-01-01&to=%2B10000-01-02", "to=1969-12-31"}) {
                HttpResponse<String> r = portal.get("/api/stats/daily?" + query);
                String field = query.substring(0, query.indexOf('='));
                assertError(r, 400, field);
                assertThat(TestPortal.parse(r).get("details").get(field).asText()).as(query)
                        .isEqualTo("must be a date from 1970-01-01 to 9999-12-31");
            }
            assertThat(portal.get("/api/stats/daily?to=9999-12-31").statusCode()).isEqualTo(200);
            assertThat(portal.get("/api/stats/daily?from=1970-01-01&to=1970-01-31").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPublicationTimeOutsideFourDigitYearsIsA400OnCreateAndUpdate() {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            TestPortal.Login login = portal.login();
            String article = "{\"title\":\"Tin\",\"slug\":\"tin\",\"status\":\"published\",\"publishedAt\":\"%s\"}";
            for (String t : new String[] {"+300000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"}) {
                HttpResponse<String> r = portal.json("POST", "/api/articles", article.formatted(t), login.headers());
                assertError(r, 400, "publishedAt");
                assertThat(r.body()).contains("9999-12-31");
            }
            HttpResponse<String> created = portal.json("POST", "/api/articles",
                    article.formatted("2026-11-27T03:00:00Z"), login.headers());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = TestPortal.parse(created).get("id").asLong();
            assertError(portal.json("PUT", "/api/articles/" + id, article.formatted("+300000000-01-01T00:00:00Z"),
                    login.headers()), 400, "publishedAt");
            assertThat(portal.get("/articles/tin").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theBaselineIsAtMostTenToTheFifteenth() {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            TestPortal.Login login = portal.login();
            for (String total : new String[] {"9223372036854775807", "1000000000000001", "99999999999999999999", "1e300", "1.5"}) {
                HttpResponse<String> r = portal.json("PUT", "/api/admin/baseline", "{\"total\":" + total + "}", login.headers());
                assertError(r, 400, "total");
                assertThat(r.body()).as(total).contains("0 to 1000000000000000");
            }
            HttpResponse<String> max = portal.json("PUT", "/api/admin/baseline", "{\"total\":1000000000000000}", login.headers());
            assertThat(max.statusCode()).isEqualTo(200);
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
            assertThat(portal.stats().get("total").asLong()).isEqualTo(1_000_000_000_000_001L);
            assertThat(portal.get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBaselineStoredBeforeTheCapDoesNotFailAnyPageAfterARestart() throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            TestPortal.Login login = portal.login();
            assertThat(portal.json("PUT", "/api/admin/baseline", "{\"total\":5}", login.headers()).statusCode()).isEqualTo(200);
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bantin.db"));
             Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE bantin_visit_meta SET value = " + Long.MAX_VALUE + " WHERE name = 'baseline'"))
                    .isEqualTo(1);
        }
        try (TestPortal portal = TestPortal.start(dir, false)) {
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
            assertThat(portal.get("/").statusCode()).isEqualTo(200);
            assertThat(portal.get("/api/stats").statusCode()).isEqualTo(200);
            assertThat(portal.stats().get("total").asLong()).isEqualTo(1_000_000_000_000_001L);
        }
    }

    @Test
    void theAdminFormRefusesABaselineAboveTheCap() {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            TestPortal.Login login = portal.login();
            HttpResponse<String> r = portal.form("/admin/baseline", TestPortal.map("total", "9223372036854775807",
                    "csrfToken", login.csrf()), "Cookie", login.cookie(), "Accept", "application/json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("0 to 1000000000000000").doesNotContain("Exception");
        }
    }
}
