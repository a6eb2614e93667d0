package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.article.Slugs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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
        Set<String> adminPages = new LinkedHashSet<>();
        adminPages.add(dashboard);
        for (WebElement link : browser.driver().findElements(By.cssSelector("a[href]"))) {
            String href = link.getAttribute("href");
            if (href != null && href.startsWith(portal.url("/admin")) && !href.contains("logout")
                    && adminPages.size() <= MAX_ADMIN_PAGES) {
                adminPages.add(href.replaceAll("#.*$", ""));
            }
        }
        assertThat(dashboard).as("after logging in").startsWith(portal.url("/admin"));

        Map<String, List<Axe.Violation>> failures = new LinkedHashMap<>();
        for (String page : adminPages) {
            browser.open(page);
            List<Axe.Violation> violations = Axe.audit(browser);
            if (!violations.isEmpty()) {
                failures.put(page, violations);
            }
        }
        List<String> report = new ArrayList<>();
        failures.forEach((page, violations) -> report.add(Axe.describe(page, violations)));
        assertThat(failures).as("audited %s\n%s", adminPages, String.join("\n", report)).isEmpty();
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
