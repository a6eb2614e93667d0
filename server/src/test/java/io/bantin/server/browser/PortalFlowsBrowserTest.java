package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Whole flows through the portal in a real browser: the sidebar's "Thống kê truy cập" box
 * follows new visitors, and an editor logs in ("Đăng nhập"), writes an article and finds it on
 * the home page.
 */
@PortalBrowserTest
class PortalFlowsBrowserTest {

    private static final int NEW_VISITORS = 3;

    @Test
    void statsBoxShowsNewVisitorsAfterAReload(Browser browser, Portal portal) {
        browser.open(portal.url("/"));
        OptionalLong before = PageProbes.statsFigure(browser, "Hôm nay");
        assertThat(before).as("\"Hôm nay\" in the \"Thống kê truy cập\" box on the home page").isPresent();

        for (int v = 0; v < NEW_VISITORS; v++) {
            String userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/121.0.0." + v + " Safari/537.36";
            assertThat(portal.hit(userAgent, "/")).as("POST /api/hits").isEqualTo(204);
        }
        // Past any short cache of the box; "today" is unaffected (10:08 -> 10:10 in Hanoi).
        portal.clock().advance(Duration.ofMinutes(2));

        browser.reload();
        long after = PageProbes.statsFigure(browser, "Hôm nay").orElseThrow();
        assertThat(after).as("\"Hôm nay\" after %d new visitors (was %d)", NEW_VISITORS, before.getAsLong())
                .isGreaterThanOrEqualTo(before.getAsLong() + NEW_VISITORS);
        assertThat(after).as("box agrees with /api/stats")
                .isLessThanOrEqualTo(portal.json("/api/stats").path("today").asLong());
    }

    @Test
    void anEditorLogsInWritesAnArticleAndSeesItOnTheHomePage(Browser browser, Portal portal) {
        String title = "Phường Đông Ba ra mắt tổ hỗ trợ thủ tục trực tuyến";
        portal.logIn(browser);

        browser.control("Viết bài mới").click();
        browser.waitUntil("the article form did not open",
                () -> !browser.driver().findElements(By.cssSelector("[name=title]")).isEmpty());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("summary", "Tổ hỗ trợ giúp người dân nộp hồ sơ qua cổng dịch vụ công.");
        fields.put("body", "<p>Từ tuần này, mỗi sáng thứ Bảy, đoàn viên thanh niên phường hướng dẫn"
                + " người dân tạo tài khoản và nộp hồ sơ trực tuyến ngay tại nhà văn hóa tổ dân phố.</p>");
        fields.put("authorName", "Minh Châu");
        fields.put("authorPosition", "Cộng tác viên");
        fields.put("sourceText", "UBND phường Đông Ba");
        fields.put("category", "Tin địa phương");
        fields.put("tags", "dịch vụ công, chuyển đổi số");
        fill(browser, fields);
        choosePublished(browser);

        browser.control("Lưu").click();
        browser.waitUntil("the form did not submit", () -> !browser.url().contains("/new"));
        assertThat(browser.driver().findElements(By.cssSelector(".form-error, [role=alert]")))
                .as("form errors after saving: %s", browser.text()).isEmpty();

        browser.open(portal.url("/"));
        assertThat(browser.text()).as("home page after publishing").contains(title);
        browser.driver().findElement(By.linkText(title)).click();
        browser.waitUntil("the new article did not open", () -> browser.url().contains("/articles/"));
        assertThat(browser.text()).contains(title, "Minh Châu", "đoàn viên thanh niên phường");
    }

    /** Fills the fields the form has, by name; those it lacks are skipped. */
    private static void fill(Browser browser, Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            List<WebElement> found = browser.driver().findElements(By.name(field.getKey()));
            if (found.isEmpty()) {
                continue;
            }
            WebElement input = found.get(0);
            if ("select".equals(input.getTagName())) {
                new Select(input).selectByVisibleText(field.getValue());
            } else {
                input.clear();
                input.sendKeys(field.getValue());
            }
        }
    }

    /** Picks "published" in the status control, whether a select or radio buttons. */
    private static void choosePublished(Browser browser) {
        List<WebElement> statuses = browser.driver().findElements(By.name("status"));
        if (statuses.isEmpty()) {
            return;
        }
        WebElement status = statuses.get(0);
        if ("select".equals(status.getTagName())) {
            new Select(status).selectByValue("published");
        } else {
            browser.driver().findElement(By.cssSelector("[name=status][value=published]")).click();
        }
    }
}
