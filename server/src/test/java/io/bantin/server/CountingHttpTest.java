package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting over HTTP: concurrency, client IPs behind proxies, spoofing. */
class CountingHttpTest {
    static final int CLIENTS = 16;
    static final int VISITORS = 40;
    static final int ROUNDS = 3;

    @Test
    void sixteenConcurrentClientsCountEveryDistinctVisitorExactly(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            send(portal, (client, round, visitor) -> new String[] {"User-Agent", ua(visitor)});
            assertThat(portal.stats().get("today").asLong()).isEqualTo(VISITORS);
            assertThat(portal.stats().get("online").asLong()).isEqualTo(VISITORS);
            portal.server.counter().flush();
            assertThat(portal.stats().get("total").asLong()).isEqualTo(VISITORS);
            long pageViews = TestPortal.parse(portal.get("/api/stats/daily?from=2026-11-27&to=2026-11-27")).get(0)
                    .get("pageViews").asLong();
            assertThat(pageViews).isEqualTo((long) ROUNDS * VISITORS);
        }
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheVisitor(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")))) {
            send(portal, (client, round, visitor) -> new String[] {"User-Agent", ua(0), "X-Forwarded-For", "203.0.113." + (visitor + 1)});
            assertThat(portal.stats().get("today").asLong()).isEqualTo(VISITORS);
        }
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerCreatesNoVisitors(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("10.0.0.0/8")))) {
            send(portal, (client, round, visitor) -> new String[] {"User-Agent", ua(0), "X-Forwarded-For", "203.0.113." + (visitor + 1),
                    "Forwarded", "for=198.51.100." + (visitor + 1)});
            assertThat(portal.stats().get("today").asLong()).isEqualTo(1);
        }
    }

    interface Headers {
        String[] of(int client, int round, int visitor);
    }

    /** 16 clients; client c sends every visitor v with v % 16 == c, ROUNDS times. */
    static void send(TestPortal portal, Headers headers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int v = client; v < VISITORS; v += CLIENTS) {
                            HttpResponse<String> r = portal.json("POST", "/api/hits", "{\"path\":\"/trang-" + round + "\"}",
                                    headers.of(client, round, v));
                            statuses.add(r.statusCode());
                        }
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).containsOnly(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String ua(int visitor) {
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0." + visitor + " Safari/537.36";
    }
}
