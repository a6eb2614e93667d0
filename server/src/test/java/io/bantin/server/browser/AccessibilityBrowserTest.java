package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.article.Slugs;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * axe-core finds no WCAG 2.2 level A or AA violation on the public pages (home, article, print,
 * search, login), on the article page in high-contrast mode, and on every admin page the
 * dashboard links to. Failures list each rule with its impact and the offending elements.
 */
@PortalBrowserTest
class AccessibilityBrowserTest {

    /** Bounds the admin crawl: the dashboard plus at most this many pages it links to. */
    private static final int MAX_ADMIN_PAGES = 8;

    private static JsonNode article;

    @BeforeAll
    static void pickTheNewestArticle(Portal portal) {
        article = portal.newestArticle();
    }

    @BeforeEach
    void anonymousReader(Browser browser, Portal portal) {
        browser.singleWindow();
        browser.open(portal.url("/"));
        browser.forgetSite();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"home", "article", "print", "search", "login", "category", "not found"})
    void publicPageHasNoWcag22AaViolation(String page, Browser browser, Portal portal) {
        if (page.equals("login")) {
            browser.open(portal.url("/"));
            browser.control("Đăng nhập").click();
            browser.waitUntil("the login page did not open",
                    () -> !browser.driver().findElements(By.cssSelector("input[type=password]")).isEmpty());
        } else {
            browser.open(portal.url(path(page)));
        }
        if (List.of("article", "print", "search", "category").contains(page)) {
            assertThat(browser.text()).as("the %s page shows the article it is about", page)
                    .contains(article.path("title").asText());
        }

        List<Axe.Violation> violations = Axe.audit(browser);

        assertThat(violations).as(Axe.describe(page + " " + browser.url(), violations)).isEmpty();
    }

    @Test
    void articleInHighContrastHasNoWcag22AaViolation(Browser browser, Portal portal) {
        browser.open(portal.url(path("article")));
        browser.control("~tương phản").click();
        browser.waitUntil("high contrast did not switch on",
                () -> "true".equals(browser.control("~tương phản").getAttribute("aria-pressed")));

        List<Axe.Violation> violations = Axe.audit(browser);

        assertThat(violations).as(Axe.describe("article in high contrast", violations)).isEmpty();
    }

    @Test
    void adminPagesHaveNoWcag22AaViolation(Browser browser, Portal portal) {
        portal.logIn(browser);
        String dashboard = browser.url();
        assertThat(dashboard).as("after logging in").startsWith(portal.url("/admin"));

        // Breadth-first over admin links, one page per URL shape (every edit page is the same template).
        Map<String, String> pagesByShape = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(List.of(dashboard));
        Map<String, List<Axe.Violation>> failures = new LinkedHashMap<>();
        while (!queue.isEmpty() && pagesByShape.size() < MAX_ADMIN_PAGES) {
            String page = queue.remove(0);
            if (pagesByShape.putIfAbsent(shape(page), page) != null) {
                continue;
            }
            browser.open(page);
            audit(browser, page, failures);
            for (WebElement link : browser.driver().findElements(By.cssSelector("a[href]"))) {
                String href = String.valueOf(link.getAttribute("href")).replaceAll("#.*$", "");
                if (href.startsWith(portal.url("/admin")) && !pagesByShape.containsKey(shape(href))) {
                    queue.add(href);
                }
            }
        }
        assertThat(pagesByShape.keySet()).as("admin pages reached from the dashboard")
                .contains("/admin", "/admin/articles", "/admin/articles/new", "/admin/articles/N/edit");

        // The editor's other states: a preview, and the form sent back with errors.
        browser.open(portal.url("/admin/articles/new"));
        browser.driver().findElement(By.name("title")).sendKeys("Bản nháp để xem trước");
        browser.driver().findElement(By.name("body")).sendKeys("<p>Nội dung xem trước của bản nháp.</p>");
        browser.control("Xem trước").click();
        browser.waitUntil("no preview shown", () -> browser.text().contains("Nội dung xem trước của bản nháp."));
        audit(browser, "article preview", failures);

        browser.open(portal.url("/admin/articles/new"));
        browser.driver().findElement(By.name("title")).sendKeys("Bài hẹn giờ thiếu thời điểm đăng");
        new Select(browser.driver().findElement(By.name("status"))).selectByValue("scheduled");
        browser.control("Lưu").click();
        browser.waitUntil("no form errors shown",
                () -> !browser.driver().findElements(By.cssSelector("[role=alert]")).isEmpty());
        audit(browser, "article form with errors", failures);

        System.out.println("axe audited admin pages: " + pagesByShape.values()
                + " + article preview + article form with errors");
        List<String> report = new ArrayList<>();
        failures.forEach((page, violations) -> report.add(Axe.describe(page, violations)));
        assertThat(failures).as("audited %s\n%s", pagesByShape.values(), String.join("\n", report)).isEmpty();
    }

    private static void audit(Browser browser, String page, Map<String, List<Axe.Violation>> failures) {
        List<Axe.Violation> violations = Axe.audit(browser);
        if (!violations.isEmpty()) {
            failures.put(page, violations);
        }
    }

    /** An admin URL's path with numbers replaced, e.g. {@code /admin/articles/N/edit}. */
    private static String shape(String url) {
        return URI.create(url).getPath().replaceAll("/\\d+(?=/|$)", "/N");
    }

    private static String path(String page) {
        String slug = article.path("slug").asText();
        return switch (page) {
            case "home" -> "/";
            case "article" -> "/articles/" + slug;
            case "print" -> "/articles/" + slug + "/print";
            case "search" -> "/search?q=" + Portal.query(firstWord(article.path("title").asText()));
            case "category" -> "/categories/" + slugOfCategory();
            case "not found" -> "/articles/khong-co-bai-nay";
            default -> throw new IllegalArgumentException(page);
        };
    }

    private static String firstWord(String title) {
        return title.split("\\s+")[0];
    }

    /** The slug of the article's category, as the category pages are addressed. */
    private static String slugOfCategory() {
        return Slugs.slugify(article.path("category").asText());
    }
}
