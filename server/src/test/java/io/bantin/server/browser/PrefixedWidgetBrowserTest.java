package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.javalin.BantinPlugin;
import io.bantin.server.MutableClock;
import io.bantin.visit.VisitCounter;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The widget mounted under a prefix by an embedder's application, in a real browser: the script at
 * {@code /bantin/widget.js} finds its routes next to itself ({@code /bantin/api/hits},
 * {@code /bantin/api/stats}), reports the view and fills the box.
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
            // Page counting off: only the widget reports, so its hit is the one counted.
            cfg.registerPlugin(new BantinPlugin(c -> c.counter(counter).prefix("/bantin").countPages(false)));
            cfg.routes.get("/tin-tuc", ctx -> ctx.html("""
                    <!DOCTYPE html>
                    <html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin xã</title></head>
                    <body><main><h1>Tin tức</h1></main>
                    <aside><div data-bantin-stats></div></aside>
                    <script src="/bantin/widget.js" async></script>
                    </body></html>
                    """));
        }).start("127.0.0.1", 0);
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
        browser.open("http://127.0.0.1:" + portal.port() + "/tin-tuc");

        browser.waitUntil("the widget did not fill the stats box",
                () -> PageProbes.statsFigure(browser, "Hôm nay").isPresent());
        OptionalLong today = PageProbes.statsFigure(browser, "Hôm nay");
        assertThat(today.getAsLong()).isEqualTo(counter.stats().today());
        var stats = counter.stats();
        assertThat(stats.pageViewsToday() + stats.botsToday()).as("the widget's hit reached /bantin/api/hits").isEqualTo(1);
    }
}
