package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics: bounded labels whatever clients send, a private listener, a token on the public port. */
class MetricsHttpTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    static final List<String> KNOWN = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    static final List<String> ROUTES = List.of("/", "/health", "/api/stats", "/api/hits", "/admin", "/login", "/feed.xml");
    static final String TOKEN = "s3cret-metrics-token-0123456789";

    @Test
    void tenThousandRequestsWithRandomMethodsAndPathsLeaveTheMetricsTheSameSize(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.metricsPort(0))) {
            HttpClient metricsClient = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + portal.server.metricsPort().orElseThrow() + "/metrics");
            // Every kind of request once, so each bounded series exists before the first measurement.
            for (String method : concat(KNOWN, List.of("MADEUP"))) {
                for (String path : concat(ROUTES, List.of("/khong-co"))) {
                    portal.send(HttpRequest.newBuilder(URI.create(portal.url(path))).method(method, HttpRequest.BodyPublishers.noBody()),
                            "User-Agent", UA);
                }
            }
            sendRandom(portal, 1_000, 1);
            String before = scrape(metricsClient, metrics);

            sendRandom(portal, 10_000, 2);
            String after = scrape(metricsClient, metrics);

            System.out.printf("metrics: %d bytes, %d series before; %d bytes, %d series after 10,000 random requests%n",
                    before.length(), series(before), after.length(), series(after));
            assertThat(series(after)).isEqualTo(series(before));
            assertThat((double) after.length()).isBetween(before.length() * 0.97, before.length() * 1.03);
            assertThat(after).contains("method=\"OTHER\"", "route=\"unmatched\"").doesNotContain("method=\"XQ");
        }
    }

    @Test
    void theMetricsListenerServesOnlyMetricsOnLoopback(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.metricsPort(0))) {
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", "curl/8.0");
            int port = portal.server.metricsPort().orElseThrow();
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("bantin_hits_total", "outcome=\"bot\"", "bantin_counter_flushes_total",
                    "bantin_counter_flush_failures_total", "bantin_counter_last_flush_seconds",
                    "http_server_requests_seconds_count", "route=\"/api/hits\"");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(portal.get("/metrics").statusCode()).as("the public port").isEqualTo(404);
            assertThat(portal.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onThePublicPortMetricsNeedTheBearerToken(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.metricsToken(TOKEN))) {
            assertThat(portal.get("/metrics").statusCode()).isEqualTo(404);
            assertThat(portal.get("/metrics", "Authorization", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(404);
            assertThat(portal.get("/metrics", "Authorization", TOKEN).statusCode()).isEqualTo(404);
            HttpResponse<String> scrape = portal.get("/metrics", "Authorization", "Bearer " + TOKEN);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("http_server_requests_seconds_count");
            assertThat(portal.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theMetricsNameTheNodeThatAnswered(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.metricsToken(TOKEN).node("web-2"))) {
            String scrape = portal.get("/metrics", "Authorization", "Bearer " + TOKEN).body();
            assertThat(scrape).contains("bantin_node{node=\"web-2\"} 1.0");
        }
    }

    @Test
    void badMetricsAndBodySettingsAreRefusedNamingTheSetting() {
        for (String[] bad : List.of(new String[] {"--body-min-rate", "-1"}, new String[] {"--body-min-rate", "fast"},
                new String[] {"--body-timeout", "50ms"}, new String[] {"--body-timeout", "11m"},
                new String[] {"--body-rate-grace", "11m"})) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServerConfig.parse(bad, java.util.Map.of())))
                    .as(String.join(" ", bad)).isInstanceOf(ConfigException.class).hasMessageContaining(bad[0]);
        }
        ServerConfig body = ServerConfig.parse(new String[0], java.util.Map.of("BANTIN_BODY_TIMEOUT", "10s",
                "BANTIN_BODY_MIN_RATE", "0", "BANTIN_BODY_RATE_GRACE", "2s"));
        assertThat(body.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(body.bodyMinRate()).isZero();
        assertThat(body.bodyRateGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServerConfig.parse(
                new String[] {"--metrics-token", "short"}, java.util.Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics-token").hasMessageContaining("16");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ServerConfig.parse(
                new String[0], java.util.Map.of("BANTIN_METRICS_PORT", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_METRICS_PORT");
        ServerConfig config = ServerConfig.parse(new String[0], java.util.Map.of("BANTIN_METRICS_PORT", "9464",
                "BANTIN_METRICS_TOKEN", TOKEN));
        assertThat(config.metricsPort()).isEqualTo(9464);
        assertThat(config.metricsToken()).isEqualTo(TOKEN);
        assertThat(config.toString()).doesNotContain(TOKEN);
        assertThat(ServerConfig.help()).contains("BANTIN_METRICS_PORT", "BANTIN_METRICS_TOKEN", "BANTIN_BODY_TIMEOUT",
                "BANTIN_BODY_MIN_RATE", "BANTIN_BODY_RATE_GRACE");
    }

    /** Requests with random method names (some 6,000 letters long) and random paths, from 8 threads. */
    private static void sendRandom(TestPortal portal, int count, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            int perThread = count / 8;
            for (int t = 0; t < 8; t++) {
                Random random = new Random(seed * 31 + t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String method = random.nextInt(4) == 0 ? KNOWN.get(random.nextInt(KNOWN.size()))
                                : letters(random, random.nextInt(10) == 0 ? 6_000 : 1 + random.nextInt(12));
                        String path = random.nextInt(4) == 0 ? ROUTES.get(random.nextInt(ROUTES.size()))
                                : "/" + letters(random, 1 + random.nextInt(30)).toLowerCase(java.util.Locale.ROOT);
                        try {
                            portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                                    .method(method, HttpRequest.BodyPublishers.noBody())
                                    .header("User-Agent", UA).timeout(Duration.ofSeconds(10)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                        } catch (java.io.IOException refused) {
                            // The server may close a connection on a request it will not parse: fine.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String letters(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private static String scrape(HttpClient client, URI metrics) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static long series(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).count();
    }
}
