package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every state-changing editor route, refused for a missing session or a missing or wrong CSRF
 * token, leaves everything as it was: every row of the database (articles, their status, counters,
 * baseline), the figures the counter holds in memory, and the editor's session. Each route is then
 * sent once with the right token and must change something, so the refused requests were ones that
 * would have done harm.
 */
class CsrfRefusalHttpTest {
    static final String ARTICLE = "{\"title\":\"Khánh thành cầu Bến Đò\",\"summary\":\"Cầu mới nối hai bờ.\","
            + "\"body\":\"<p>Cầu được khánh thành.</p>\",\"author\":{\"name\":\"Nguyễn Văn A\",\"position\":null},"
            + "\"source\":{\"text\":\"Báo Sông Lam\",\"url\":null},\"category\":\"Thời sự\",\"tags\":[\"giao thông\"],"
            + "\"status\":\"published\",\"image\":null}";

    @TempDir
    Path dir;
    TestPortal portal;
    TestPortal.Login editor;
    /** Another editor's session: its CSRF token is real, but not the one of {@link #editor}'s session. */
    TestPortal.Login other;

    @BeforeEach
    void start() {
        portal = TestPortal.start(dir, true);
        editor = portal.login();
        other = portal.login();
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** One way to send a request with the given cookie and CSRF token (either may be null). */
    interface Route {
        HttpResponse<String> send(String cookie, String csrf);
    }

    Route api(String method, String path, String body) {
        return (cookie, csrf) -> {
            List<String> headers = new ArrayList<>();
            if (cookie != null) {
                headers.addAll(List.of("Cookie", cookie));
            }
            if (csrf != null) {
                headers.addAll(List.of("X-CSRF-Token", csrf));
            }
            return portal.json(method, path, body, headers.toArray(String[]::new));
        };
    }

    Route form(String path, Map<String, String> fields) {
        return (cookie, csrf) -> {
            Map<String, String> all = TestPortal.map();
            if (csrf != null) {
                all.put("csrfToken", csrf);
            }
            all.putAll(fields);
            return cookie == null ? portal.form(path, all) : portal.form(path, all, "Cookie", cookie);
        };
    }

    /**
     * Sends the route without a session, then with the editor's session but no token, a wrong
     * token and another session's token; asserts each refusal and that nothing changed; then sends
     * it with the right token and asserts it did change something.
     */
    void refusedThenAccepted(String what, Route route, int noSessionStatus, int acceptedStatus) {
        String before = everything();
        assertRefused(what + " without a session", route.send(null, editor.csrf()), noSessionStatus, before);
        assertRefused(what + " with a forged session", route.send("bantin_session=" + "A".repeat(43), editor.csrf()),
                noSessionStatus, before);
        assertRefused(what + " without a token", route.send(editor.cookie(), null), 403, before);
        assertRefused(what + " with a wrong token", route.send(editor.cookie(), "A".repeat(43)), 403, before);
        assertRefused(what + " with another session's token", route.send(editor.cookie(), other.csrf()), 403, before);
        assertThat(portal.get("/admin", "Cookie", editor.cookie()).statusCode()).as(what + ": the session still works").isEqualTo(200);

        HttpResponse<String> accepted = route.send(editor.cookie(), editor.csrf());
        assertThat(accepted.statusCode()).as(what + " with the right token: " + accepted.body()).isEqualTo(acceptedStatus);
        assertThat(everything()).as(what + " with the right token changes something").isNotEqualTo(before);
    }

    void assertRefused(String what, HttpResponse<String> r, int status, String before) {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().allValues("Set-Cookie")).as(what).noneMatch(c -> c.startsWith("bantin_session="));
        assertThat(everything()).as(what + " leaves everything as it was").isEqualTo(before);
    }

    /**
     * The whole state a refused request could have touched: every row of every table once the
     * counter has written what it holds, the live figures, and which sessions still work.
     */
    String everything() {
        portal.server.counter().flush();
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bantin.db"));
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet t = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (t.next()) {
                    tables.add(t.getString(1));
                }
            }
            assertThat(tables).contains("bantin_articles", "bantin_article_tags");
            for (String table : tables) {
                all.append(table).append(":\n");
                try (ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        all.append("stats: ").append(portal.get("/api/stats").body()).append('\n');
        Function<TestPortal.Login, Integer> admin = l -> portal.get("/admin", "Cookie", l.cookie()).statusCode();
        all.append("sessions: ").append(admin.apply(editor)).append(' ').append(admin.apply(other)).append('\n');
        return all.toString();
    }

    long anArticleId() {
        return TestPortal.parse(portal.get("/api/articles?size=1")).get("items").get(0).get("id").asLong();
    }

    Map<String, String> editorForm(String title, String status) {
        return TestPortal.map("title", title, "summary", "Tóm tắt.", "body", "<p>Nội dung.</p>", "authorName", "Lê Văn B",
                "authorPosition", "", "sourceText", "", "sourceUrl", "", "category", "Thời sự", "tags", "", "imageUrl", "",
                "imageAlt", "", "status", status, "publishedAt", "", "action", "save");
    }

    @Test
    void refusedBaselineChangesLeaveTheFiguresAsTheyWere() {
        refusedThenAccepted("PUT /api/admin/baseline", api("PUT", "/api/admin/baseline", "{\"total\":722158}"), 401, 200);
        refusedThenAccepted("POST /admin/baseline", form("/admin/baseline", TestPortal.map("total", "5000")), 401, 303);
    }

    @Test
    void refusedArticleWritesThroughTheApiLeaveTheArticlesAsTheyWere() {
        long id = anArticleId();
        refusedThenAccepted("POST /api/articles", api("POST", "/api/articles", ARTICLE), 401, 201);
        refusedThenAccepted("PUT /api/articles/" + id, api("PUT", "/api/articles/" + id, ARTICLE.replace("Bến Đò", "Bến Thủy")),
                401, 200);
        refusedThenAccepted("DELETE /api/articles/" + id, api("DELETE", "/api/articles/" + id, null), 401, 204);
    }

    @Test
    void refusedArticleFormsLeaveTheArticlesAndTheirStatusAsTheyWere() {
        long id = anArticleId();
        refusedThenAccepted("POST /admin/articles", form("/admin/articles", editorForm("Bài mới", "draft")), 401, 303);
        refusedThenAccepted("POST /admin/articles/" + id, form("/admin/articles/" + id, editorForm("Bài đã sửa", "published")), 401, 303);
        refusedThenAccepted("unpublish", form("/admin/articles/" + id + "/unpublish", TestPortal.map()), 401, 303);
        refusedThenAccepted("publish", form("/admin/articles/" + id + "/publish", TestPortal.map()), 401, 303);
        refusedThenAccepted("delete", form("/admin/articles/" + id + "/delete", TestPortal.map()), 401, 303);
    }

    @Test
    void aRefusedLogoutLeavesTheSessionWorking() {
        refusedThenAccepted("POST /api/logout", api("POST", "/api/logout", "{}"), 401, 204);
        assertThat(portal.get("/admin", "Cookie", editor.cookie()).statusCode()).as("logged out").isEqualTo(303);

        editor = portal.login();
        // Without a session the form's logout has nothing to end: it only goes home.
        refusedThenAccepted("POST /logout", form("/logout", TestPortal.map()), 303, 303);
        assertThat(portal.get("/admin", "Cookie", editor.cookie()).statusCode()).as("logged out").isEqualTo(303);
    }
}
