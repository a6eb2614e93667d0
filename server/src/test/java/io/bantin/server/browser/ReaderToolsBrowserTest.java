package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The reader tools of the article page in a real browser ("Cỡ chữ: A+ A A-", "Tăng / Giảm tương
 * phản", "In bài viết"), and the page's layout for small screens and large text.
 */
@PortalBrowserTest
class ReaderToolsBrowserTest {

    /** Bounds the Tab presses from the top of the page to the reader toolbar. */
    private static final int MAX_TABS = 40;

    private static JsonNode article;

    @BeforeAll
    static void pickTheNewestArticle(Portal portal) {
        article = portal.newestArticle();
    }

    @BeforeEach
    void freshReader(Browser browser, Portal portal) {
        browser.singleWindow();
        browser.media("");
        browser.resetViewport();
        browser.resetTextSize();
        browser.open(portal.url("/"));
        browser.forgetSite();
    }

    @Test
    void aPlusTwiceEnlargesTheArticleTextAndTheChoiceSurvivesAReload(Browser browser, Portal portal) {
        browser.open(articleUrl(portal));
        double before = fontSize(browser);

        browser.control("A+ Tăng cỡ chữ").click();
        browser.control("A+ Tăng cỡ chữ").click();
        browser.waitUntil("article text did not grow after A+ twice",
                () -> fontSize(browser) > before);
        double enlarged = fontSize(browser);

        browser.reload();
        assertThat(fontSize(browser)).as("font size after a reload (was %s before A+, %s after)", before, enlarged)
                .isCloseTo(enlarged, within(0.5));
        assertThat(enlarged).as("two steps of A+ from %s px", before).isGreaterThan(before + 1);
    }

    @Test
    void theReaderToolsWorkFromTheKeyboardWithAVisibleFocus(Browser browser, Portal portal) {
        browser.open(articleUrl(portal));
        double before = fontSize(browser);
        WebElement larger = browser.control("A+ Tăng cỡ chữ");

        // Tab from the top of the page, as a keyboard user does (bounded: the toolbar is near the top).
        browser.js("document.activeElement && document.activeElement.blur();");
        boolean reached = false;
        for (int presses = 0; presses < MAX_TABS && !reached; presses++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            reached = larger.equals(browser.driver().switchTo().activeElement());
        }
        assertThat(reached).as("A+ reachable with Tab within %d presses", MAX_TABS).isTrue();
        assertThat(browser.js("""
                const s = getComputedStyle(document.activeElement);
                return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
                """)).as("focus is visible on A+").isEqualTo(true);

        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);

        browser.waitUntil("Enter on A+ did not enlarge the text", () -> fontSize(browser) > before);
    }

    @Test
    void contrastToggleChangesColoursAndAriaPressed(Browser browser, Portal portal) {
        browser.open(articleUrl(portal));
        WebElement paragraph = paragraph(browser);
        String normal = PageProbes.colours(browser, paragraph);
        WebElement toggle = browser.control("~tương phản");
        assertThat(toggle.getAttribute("aria-pressed")).as("aria-pressed before").isEqualTo("false");

        toggle.click();

        browser.waitUntil("aria-pressed did not become true",
                () -> "true".equals(browser.control("~tương phản").getAttribute("aria-pressed")));
        String contrast = PageProbes.colours(browser, paragraph(browser));
        assertThat(contrast).as("colours with high contrast (normal: %s)", normal).isNotEqualTo(normal);

        browser.control("~tương phản").click();
        browser.waitUntil("aria-pressed did not return to false",
                () -> "false".equals(browser.control("~tương phản").getAttribute("aria-pressed")));
        assertThat(PageProbes.colours(browser, paragraph(browser))).as("colours after switching back")
                .isEqualTo(normal);
    }

    @Test
    void printViewOpensWithTheArticleItsSourceAndItsAddress(Browser browser, Portal portal) {
        browser.open(articleUrl(portal));
        int windows = browser.driver().getWindowHandles().size();

        browser.control("In bài viết", "~in bài viết").click();

        browser.waitUntil("the print view did not open", () -> browser.driver().getWindowHandles().size() > windows
                || browser.url().endsWith("/print"));
        if (browser.driver().getWindowHandles().size() > windows) {
            List<String> handles = new ArrayList<>(browser.driver().getWindowHandles());
            browser.driver().switchTo().window(handles.get(handles.size() - 1));
            browser.waitUntil("the print window did not load",
                    () -> "complete".equals(browser.js("return document.readyState;")));
        }
        String slug = article.path("slug").asText();
        assertThat(browser.url()).isEqualTo(portal.url("/articles/" + slug + "/print"));
        PageProbes.articleParagraph(browser, article.path("body").asText());

        browser.media("print");
        try {
            String printed = browser.text();
            assertThat(printed).as("what the printer gets").contains(article.path("title").asText());
            if (article.path("source").hasNonNull("text")) {
                assertThat(printed).as("what the printer gets").contains(article.path("source").path("text").asText());
            }
            assertThat(printed).as("the printed page names its address").contains("/articles/" + slug);
        } finally {
            browser.media("");
        }
    }

    @Test
    void at320PxWideNeitherTheArticleNorTheHomePageOverflowsSideways(Browser browser, Portal portal) {
        browser.viewport(320, 640);
        for (String url : List.of(articleUrl(portal), portal.url("/"))) {
            browser.open(url);
            // The layout viewport is 320 CSS px; clientWidth is less by the classic scrollbar's width.
            assertThat(browser.js("return window.innerWidth;")).isEqualTo(320L);
            Map<String, Object> overflow = PageProbes.horizontalOverflow(browser);
            assertThat((Long) overflow.get("scrollWidth")).as("%s at 320 px: %s", url, overflow)
                    .isLessThanOrEqualTo((Long) overflow.get("clientWidth"));
        }
    }

    @Test
    void atTwiceTheTextSizeTheTextGrowsAndNothingIsCut(Browser browser, Portal portal) {
        browser.open(articleUrl(portal));
        double normal = fontSize(browser);

        browser.textSize(32, 26);
        for (String url : List.of(articleUrl(portal), portal.url("/"))) {
            browser.open(url);
            assertThat(PageProbes.clippedText(browser)).as("text cut off at 200 %% text size on %s", url).isEmpty();
            Map<String, Object> overflow = PageProbes.horizontalOverflow(browser);
            assertThat((Long) overflow.get("scrollWidth")).as("%s at 200 %% text size: %s", url, overflow)
                    .isLessThanOrEqualTo((Long) overflow.get("clientWidth"));
        }
        browser.open(articleUrl(portal));
        assertThat(fontSize(browser)).as("article text follows the browser's text size"
                + " (sized in rem/em, not px); %s px at the default size", normal)
                .isGreaterThanOrEqualTo(normal * 1.8);
    }

    private static String articleUrl(Portal portal) {
        return portal.url("/articles/" + article.path("slug").asText());
    }

    private static WebElement paragraph(Browser browser) {
        return PageProbes.articleParagraph(browser, article.path("body").asText());
    }

    private static double fontSize(Browser browser) {
        return browser.computedPx(paragraph(browser), "font-size");
    }
}
