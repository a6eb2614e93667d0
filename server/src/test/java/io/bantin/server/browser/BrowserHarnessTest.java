package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * Checks the browser harness itself against fixed pages, independent of the portal: that axe-core
 * runs under a strict CSP and finds a planted violation, and that the text-size and viewport
 * controls the portal tests rely on really change layout.
 */
@Tag("browser")
@ExtendWith(ChromeExtension.class)
class BrowserHarnessTest {

    private static Javalin fixtures;
    private static String base;

    @BeforeAll
    static void serveFixtures() {
        fixtures = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/ok", ctx -> page(ctx, "harness-ok.html", "text/html; charset=utf-8"));
            cfg.routes.get("/bad", ctx -> page(ctx, "harness-bad.html", "text/html; charset=utf-8"));
            cfg.routes.get("/harness.css", ctx -> page(ctx, "harness.css", "text/css; charset=utf-8"));
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + fixtures.port();
    }

    @AfterAll
    static void stopFixtures() {
        if (fixtures != null) {
            fixtures.stop();
        }
    }

    @Test
    void axeRunsUnderStrictCspAndFindsNothingOnACleanPage(Browser browser) {
        browser.open(base + "/ok");

        assertThat(Axe.audit(browser)).isEmpty();
    }

    @Test
    void axeReportsRuleImpactAndTarget(Browser browser) {
        browser.open(base + "/bad");

        List<Axe.Violation> violations = Axe.audit(browser);

        assertThat(violations).extracting(Axe.Violation::id)
                .contains("image-alt", "button-name", "html-has-lang");
        assertThat(violations).filteredOn(v -> v.id().equals("image-alt"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.impact()).isEqualTo("critical");
                    assertThat(v.targets()).containsExactly("img");
                });
        assertThat(Axe.describe("/bad", violations)).contains("image-alt [critical]", "-> [img]");
    }

    @Test
    void textSizeSettingScalesRelativeText(Browser browser) {
        browser.open(base + "/ok");
        double normal = browser.computedPx(text(browser), "font-size");
        try {
            browser.textSize(32, 26);
            browser.reload();
            assertThat(browser.computedPx(text(browser), "font-size")).isEqualTo(normal * 2);
        } finally {
            browser.resetTextSize();
        }
        browser.reload();
        assertThat(browser.computedPx(text(browser), "font-size")).isEqualTo(normal);
    }

    @Test
    void viewportEmulationGivesThe320PxLayoutWidth(Browser browser) {
        try {
            browser.viewport(320, 640);
            browser.open(base + "/ok");
            assertThat(browser.js("return document.documentElement.clientWidth;")).isEqualTo(320L);
        } finally {
            browser.resetViewport();
        }
        browser.reload();
        assertThat((Long) browser.js("return document.documentElement.clientWidth;")).isGreaterThan(1000L);
    }

    @Test
    void controlsAreFoundByTheirVisibleLabel(Browser browser) {
        browser.open(base + "/ok");

        assertThat(browser.control("~tương phản").getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.hasControl("A+")).isFalse();
    }

    private static WebElement text(Browser browser) {
        return (WebElement) browser.js("return document.getElementById('text');");
    }

    private static void page(io.javalin.http.Context ctx, String resource, String type) {
        try (InputStream in = BrowserHarnessTest.class.getResourceAsStream("/browser/" + resource)) {
            if (in == null) {
                ctx.status(404);
                return;
            }
            ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            ctx.contentType(type);
            ctx.result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
