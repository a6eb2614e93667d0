package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin area's HTML forms over real HTTP: login, dashboard, the editor, CSRF. */
class AdminHttpTest {
    static final String UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15";

    @TempDir
    Path dir;
    TestPortal portal;
    String cookie;
    String csrf;

    @BeforeEach
    void start() {
        portal = TestPortal.start(dir, true);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    void loginWithTheForm() {
        HttpResponse<String> r = portal.loginForm("admin", TestPortal.PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/admin");
        cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> admin = portal.get("/admin", "Cookie", cookie);
        Matcher m = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"").matcher(admin.body());
        assertThat(m.find()).as(admin.body()).isTrue();
        csrf = m.group(1);
    }

    @Test
    void loginPageAndWrongPasswords() {
        HttpResponse<String> page = portal.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Đăng nhập</h1>", "name=\"username\"", "type=\"password\"");
        HttpResponse<String> wrong = portal.loginForm("admin", "sai");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Tên đăng nhập hoặc mật khẩu không đúng.");
        HttpResponse<String> nobody = portal.loginForm("ai-do", "sai");
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(nobody.body()).contains("Tên đăng nhập hoặc mật khẩu không đúng.");
        for (int i = 0; i < 4; i++) {
            portal.loginForm("admin", "sai" + i);
        }
        HttpResponse<String> throttled = portal.loginForm("admin", TestPortal.PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("10");
        assertThat(throttled.body()).contains("thử lại sau 10 giây");
    }

    @Test
    void adminPagesNeedALogin() {
        HttpResponse<String> r = portal.get("/admin");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/login");
        assertThat(portal.get("/admin/articles").statusCode()).isEqualTo(303);
        assertThat(portal.form("/admin/articles", TestPortal.map("title", "x")).statusCode()).isEqualTo(401);
    }

    @Test
    void dashboardShowsFiguresChartTableAndMostViewed() {
        String slug = TestPortal.parse(portal.get("/api/articles")).get("items").get(0).get("slug").asText();
        portal.get("/articles/" + slug, "User-Agent", UA);
        loginWithTheForm();
        // The editor's own views are not counted.
        portal.get("/articles/" + slug, "User-Agent", UA + " editor", "Cookie", cookie);
        assertThat(portal.stats().get("today").asLong()).isEqualTo(1);
        HttpResponse<String> admin = portal.get("/admin", "Cookie", cookie);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("Số liệu hôm nay", "<svg", "role=\"img\"", "<title id=\"chart-title\">",
                "<desc id=\"chart-desc\">", "<polyline", "<table", "Bài viết được xem nhiều nhất", "1 lượt xem",
                "action=\"/admin/baseline\"");
        HttpResponse<String> baseline = portal.form("/admin/baseline", TestPortal.map("csrfToken", csrf, "total", "1000"),
                "Cookie", cookie);
        assertThat(baseline.statusCode()).isEqualTo(303);
        assertThat(portal.stats().get("total").asLong()).isEqualTo(1001);
        assertThat(portal.get("/admin?msg=baseline", "Cookie", cookie).body()).contains("Đã lưu số liệu nền.");
    }

    @Test
    void editorWritesPreviewsPublishesUnpublishesAndDeletes() {
        loginWithTheForm();
        String form = portal.get("/admin/articles/new", "Cookie", cookie).body();
        assertThat(form).contains("Viết bài mới", "name=\"body\"");
        // Enter in a field presses the form's first submit button: it must save, not preview.
        assertThat(org.jsoup.Jsoup.parse(form).selectFirst("form button[type=submit][name=action]").val()).isEqualTo("save");
        Map<String, String> fields = TestPortal.map("csrfToken", csrf, "title", "Đón nhận bằng di tích quốc gia",
                "summary", "Đình làng được xếp hạng.", "body", "<p>Nội dung <img src=x onerror=alert(1)> bài.</p>",
                "authorName", "Lê Văn B", "authorPosition", "Chủ tịch UBND huyện", "sourceText", "Báo Sông Lam",
                "sourceUrl", "", "category", "Văn hóa - Xã hội", "tags", "di tích, lễ hội", "imageUrl", "", "imageAlt", "",
                "status", "draft", "publishedAt", "", "action", "preview");
        HttpResponse<String> preview = portal.form("/admin/articles", fields, "Cookie", cookie);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"preview-heading\"", "Đón nhận bằng di tích quốc gia");
        String previewSection = preview.body().substring(preview.body().indexOf("id=\"preview-heading\""));
        assertThat(previewSection).contains("Nội dung").doesNotContain("onerror");

        fields.put("action", "save");
        HttpResponse<String> saved = portal.form("/admin/articles", fields, "Cookie", cookie);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        String list = portal.get("/admin/articles", "Cookie", cookie).body();
        assertThat(list).contains("Đón nhận bằng di tích quốc gia", "Bản nháp");
        Matcher m = Pattern.compile("/admin/articles/(\\d+)/edit\">Đón nhận").matcher(list);
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        assertThat(portal.get("/articles/don-nhan-bang-di-tich-quoc-gia").statusCode()).isEqualTo(404);

        assertThat(portal.form("/admin/articles/" + id + "/publish", TestPortal.map("csrfToken", csrf), "Cookie", cookie)
                .statusCode()).isEqualTo(303);
        assertThat(portal.get("/articles/don-nhan-bang-di-tich-quoc-gia").statusCode()).isEqualTo(200);
        assertThat(portal.get("/").body()).contains("Đón nhận bằng di tích quốc gia");

        HttpResponse<String> edit = portal.get("/admin/articles/" + id + "/edit", "Cookie", cookie);
        assertThat(edit.body()).contains("Sửa bài viết", "value=\"Lê Văn B\"", "di tích, lễ hội");
        fields.put("title", "Đón nhận bằng xếp hạng di tích quốc gia");
        fields.put("status", "scheduled");
        fields.put("publishedAt", "2026-12-01T08:00");
        HttpResponse<String> scheduled = portal.form("/admin/articles/" + id, fields, "Cookie", cookie);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(303);
        assertThat(portal.get("/admin/articles", "Cookie", cookie).body()).contains("Hẹn giờ đăng (01/12/2026 08:00)");
        assertThat(portal.get("/articles/don-nhan-bang-di-tich-quoc-gia").statusCode()).isEqualTo(404);

        assertThat(portal.form("/admin/articles/" + id + "/unpublish", TestPortal.map("csrfToken", csrf), "Cookie", cookie)
                .statusCode()).isEqualTo(303);
        assertThat(portal.form("/admin/articles/" + id + "/delete", TestPortal.map("csrfToken", csrf), "Cookie", cookie)
                .statusCode()).isEqualTo(303);
        assertThat(portal.get("/admin/articles/" + id + "/edit", "Cookie", cookie).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidFormsShowTheErrorsAndKeepTheInput() {
        loginWithTheForm();
        HttpResponse<String> r = portal.form("/admin/articles", TestPortal.map("csrfToken", csrf, "title", "",
                "body", "<p>giữ lại</p>", "status", "scheduled", "publishedAt", "", "action", "save"), "Cookie", cookie);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("role=\"alert\"", "Tiêu đề", "Thời điểm đăng", "&lt;p&gt;giữ lại&lt;/p&gt;");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        loginWithTheForm();
        assertThat(portal.form("/admin/baseline", TestPortal.map("total", "5"), "Cookie", cookie).statusCode()).isEqualTo(403);
        assertThat(portal.form("/admin/articles/1/delete", TestPortal.map("csrfToken", "x"), "Cookie", cookie).statusCode())
                .isEqualTo(403);
        assertThat(portal.form("/logout", TestPortal.map(), "Cookie", cookie).statusCode()).isEqualTo(403);
        HttpResponse<String> out = portal.form("/logout", TestPortal.map("csrfToken", csrf), "Cookie", cookie);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(portal.get("/admin", "Cookie", cookie).statusCode()).isEqualTo(303);
    }
}
