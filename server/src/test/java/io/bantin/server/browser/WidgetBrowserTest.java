package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.server.BantinServer;
import io.bantin.server.MutableClock;
import io.bantin.server.ServerConfig;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embeddable widget on another portal's page, in a real browser, where CORS is enforced: two
 * host portals on their own origins include {@code /widget.js}; bantin allows only the first. The
 * allowed one gets its "Thống kê truy cập" box filled and its page view sent; for the other the
 * browser blocks the cross-origin reads.
 */
@Tag("browser")
@ExtendWith(ChromeExtension.class)
class WidgetBrowserTest {

    private static Javalin allowedHost;
    private static Javalin otherHost;
    private static BantinServer bantin;

    @BeforeAll
    static void startHostPortalsAndBantin() throws Exception {
        allowedHost = hostPortal();
        otherHost = hostPortal();
        Path dir = Files.createDirectories(TestDirs.target().resolve("browser").resolve("WidgetBrowserTest"));
        bantin = BantinServer.start(ServerConfig.builder()
                .port(0)
                .host("127.0.0.1")
                .database(Files.createTempDirectory(dir, "db-").resolve("bantin.db"))
                .adminPassword(Portal.ADMIN_PASSWORD)
                .demo(true)
                .clock(new MutableClock(PortalExtension.START))
                .corsOrigins(List.of(origin(allowedHost)))
                .build());
    }

    @AfterAll
    static void stopAll() {
        if (bantin != null) {
            bantin.close();
        }
        for (Javalin host : new Javalin[] {allowedHost, otherHost}) {
            if (host != null) {
                host.stop();
            }
        }
    }

    @Test
    void widgetFillsTheStatsBoxAndSendsTheHitFromAnAllowedOrigin(Browser browser) {
        long hitsBefore = hitsRecorded();

        browser.open(origin(allowedHost) + "/tin-tuc");

        browser.waitUntil("the widget did not fill the stats box",
                () -> PageProbes.statsFigure(browser, "Hôm nay").isPresent());
        OptionalLong today = PageProbes.statsFigure(browser, "Hôm nay");
        assertThat(today.getAsLong()).isEqualTo(bantin.counter().stats().today());
        assertThat(hitsRecorded()).as("the widget's page view reached bantin (as a bot: headless Chromium)")
                .isEqualTo(hitsBefore + 1);
        assertThat(crossOriginRead(browser)).isEqualTo("200");
    }

    @Test
    void anOriginThatIsNotAllowedCannotReadTheStats(Browser browser) {
        browser.open(origin(otherHost) + "/tin-tuc");

        assertThat(crossOriginRead(browser)).as("fetch of /api/stats from " + origin(otherHost))
                .isEqualTo("blocked");
        assertThat(PageProbes.statsFigure(browser, "Hôm nay")).isEmpty();
    }

    /** Everything the counter took in today: visits' page views plus bots (the headless browser is one). */
    private static long hitsRecorded() {
        var stats = bantin.counter().stats();
        return stats.pageViewsToday() + stats.botsToday();
    }

    /** What the browser lets this page's script read from bantin's /api/stats: a status, or "blocked". */
    private static String crossOriginRead(Browser browser) {
        return String.valueOf(browser.jsAsync("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/api/stats', {mode: 'cors', credentials: 'omit'})
                  .then(r => done(String(r.status)))
                  .catch(() => done('blocked'));
                """, bantin.baseUrl()));
    }

    private static String origin(Javalin host) {
        return "http://127.0.0.1:" + host.port();
    }

    /** Another portal's page that embeds the widget, as issue 4 documents it. */
    private static Javalin hostPortal() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/tin-tuc", ctx -> {
                // bantin starts after the host portals (it must know the allowed origin); read it per request.
                String bantinUrl = bantin.baseUrl();
                ctx.contentType("text/html; charset=utf-8");
                ctx.result("""
                        <!DOCTYPE html>
                        <html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin xã</title></head>
                        <body><main><h1>Tin tức</h1><p>Trang của một cổng khác nhúng bộ đếm.</p></main>
                        <aside><div data-bantin-stats></div></aside>
                        <script src="%s/widget.js" async></script>
                        </body></html>
                        """.formatted(bantinUrl));
            });
        }).start("127.0.0.1", 0);
    }
}
