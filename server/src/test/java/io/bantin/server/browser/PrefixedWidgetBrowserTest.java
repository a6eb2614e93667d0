package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.javalin.BantinPlugin;
import io.bantin.server.MutableClock;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The widget mounted under a prefix by an embedder's Javalin application, in a real browser: the
 * script at {@code /bantin/widget.js} finds its routes next to itself ({@code /bantin/api/hits},
 * {@code /bantin/api/stats}), and on a page the plugin already counts, {@code data-bantin-hit="off"}
 * keeps it from counting the view a second time.
 */
@Tag("browser")
@ExtendWith(ChromeExtension.class)
class PrefixedWidgetBrowserTest {
    private static VisitCounter counter;
    private static Javalin portal;

    @BeforeAll
    static void startAPortalWithThePluginUnderAPrefix() {
        counter = VisitCounter.builder().clock(new MutableClock(PortalExtension.START)).flushInterval(Duration.ZERO).build();
        portal = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // /cached stands for a page served from a cache the plugin never sees: only its widget reports.
            cfg.registerPlugin(new BantinPlugin(c -> c.counter(counter).prefix("/bantin").excludedPaths(List.of("/cached"))));
            cfg.routes.get("/cached", ctx -> ctx.html(page("")));
            cfg.routes.get("/counted", ctx -> ctx.html(page(" data-bantin-hit=\"off\"")));
        }).start("127.0.0.1", 0);
    }

    private static String page(String scriptAttributes) {
        return """
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin xã</title></head>
                <body><main><h1>Tin tức</h1></main>
                <aside><div data-bantin-stats></div></aside>
                <script src="/bantin/widget.js" async%s></script>
                </body></html>
                """.formatted(scriptAttributes);
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.stop();
        }
        if (counter != null) {
            counter.close();
        }
    }

    @Test
    void theWidgetUnderAPrefixReportsTheViewAndFillsTheBoxFromTheRoutesBesideIt(Browser browser) {
        long before = hitsRecorded();
        browser.open("http://127.0.0.1:" + portal.port() + "/cached");

        browser.waitUntil("the widget did not fill the stats box",
                () -> PageProbes.statsFigure(browser, "Hôm nay").isPresent());
        OptionalLong today = PageProbes.statsFigure(browser, "Hôm nay");
        assertThat(today.getAsLong()).isEqualTo(counter.stats().today());
        assertThat(hitsRecorded()).as("the widget's hit reached /bantin/api/hits").isEqualTo(before + 1);
    }

    @Test
    void onAPageThePluginCountsTheWidgetOnlyFillsTheBox(Browser browser) {
        long before = hitsRecorded();
        browser.open("http://127.0.0.1:" + portal.port() + "/counted");

        browser.waitUntil("the widget did not fill the stats box",
                () -> PageProbes.statsFigure(browser, "Hôm nay").isPresent());
        assertThat(hitsRecorded()).as("counted once, by the plugin").isEqualTo(before + 1);
    }

    /** Everything the counter took in today: page views plus bots (headless Chromium is one). */
    private static long hitsRecorded() {
        VisitStats stats = counter.stats();
        return stats.pageViewsToday() + stats.botsToday();
    }
}
