package io.bantin.server.process;

import io.bantin.server.BantinServer;
import io.bantin.server.ServerConfig;
import io.bantin.visit.CounterMetrics;
import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link VisitorFloodProcessTest}: the whole server (listening on 127.0.0.1, as
 * {@code Main} runs it, with its SIGTERM hook), whose counter is driven directly through
 * {@link VisitCounter#record} — many more visitors than HTTP could bring in a test's time.
 *
 * <p>{@code record <db> <n>}: n distinct visitors (each from its own address, one hit showing one
 * of {@link #ARTICLES} articles), then the figures and a few HTTP answers on stdout, then
 * {@code READY}, and it waits for SIGTERM. {@code check <db>}: reopens the database, prints the
 * figures and exits. Figures are printed as one line of {@code key=value} pairs after
 * {@code FIGURES}. The site's time zone is the system property {@value #ZONE_PROPERTY}.
 */
public final class VisitorFlood {

    /** The articles the visitors read: each visitor reads article {@code 1 + v % ARTICLES}. */
    static final int ARTICLES = 100;
    /** The system property naming the site's time zone; both modes must run with the same one. */
    static final String ZONE_PROPERTY = "flood.zone";
    private static final String METRICS_TOKEN = "flood-only-metrics-token";
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private VisitorFlood() {
    }

    /** Runs one mode; see the class comment. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        ServerConfig config = ServerConfig.builder().port(0).host("127.0.0.1").database(db)
                .zone(ZoneId.of(System.getProperty(ZONE_PROPERTY)))
                .adminPassword("flood-only-password").metricsToken(METRICS_TOKEN).build();
        BantinServer server = BantinServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bantin-shutdown"));
        VisitCounter counter = server.counter();
        if ("record".equals(args[0])) {
            int n = Integer.parseInt(args[2]);
            long started = System.nanoTime();
            for (int v = 0; v < n; v++) {
                // 10.x.y.z: every visitor its own address, so the per-address budget stays out of it.
                String ip = "10." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
                counter.record(Hit.of(ip, BROWSER, "/articles/a").withArticle(1 + v % ARTICLES));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("FIGURES " + figures(counter) + " recordMillis=" + millis
                    + " http=" + statuses(server.port()));
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } else {
            System.out.println("FIGURES " + figures(counter) + " http=" + statuses(server.port()));
            server.close();
        }
    }

    private static String figures(VisitCounter counter) {
        VisitStats s = counter.stats();
        CounterMetrics m = counter.metrics();
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= ARTICLES; id++) {
            ids.add(id);
        }
        long articleViews = 0;
        for (Map.Entry<Long, Long> e : counter.views(ids).entrySet()) {
            articleViews += e.getValue();
        }
        return "today=" + s.today() + " total=" + s.total() + " pageViews=" + s.pageViewsToday()
                + " online=" + s.online() + " articleViews=" + articleViews + " tracked=" + m.trackedVisitors() + " cap=" + m.maxTrackedVisitors()
                + " dropped=" + m.droppedVisitors() + " maxHeap=" + Runtime.getRuntime().maxMemory();
    }

    /** The status codes of pages that count nothing themselves, joined by commas. */
    private static String statuses(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> codes = new ArrayList<>();
        for (String path : List.of("/health", "/api/stats", "/feed.xml", "/metrics")) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("User-Agent", BROWSER).header("Authorization", "Bearer " + METRICS_TOKEN)
                    .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
            codes.add(Integer.toString(r.statusCode()));
        }
        return String.join(",", codes);
    }
}
