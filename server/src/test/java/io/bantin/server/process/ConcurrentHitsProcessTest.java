package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen concurrent clients, each sending one hit for every one of K visitors in its own
 * shuffled order, so that every visitor's hits overlap in time across connections (the race that
 * makes read-modify-write counters lose or double-count): {@code /api/stats} must show exactly K.
 */
@Tag("process")
class ConcurrentHitsProcessTest {

    private static final int CLIENTS = 16;
    private static final int VISITORS = 120;

    @Test
    void sixteenClientsSendingHitsOfKVisitorsAreCountedExactly(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start("concurrent", dir.resolve("bantin.db"),
                ServerProcess.env("BANTIN_ZONE", ServerProcess.zoneAtNoon()))) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            Map<Integer, Integer> statuses = new TreeMap<>();
            try {
                List<Future<Map<Integer, Integer>>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(pool.submit(client(server.baseUrl(), c)));
                }
                for (Future<Map<Integer, Integer>> client : clients) {
                    client.get(60, TimeUnit.SECONDS).forEach((s, n) -> statuses.merge(s, n, Integer::sum));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(statuses).as("answers to %d hits", CLIENTS * VISITORS)
                    .isEqualTo(Map.of(204, CLIENTS * VISITORS));

            PortalClient portal = new PortalClient(server.baseUrl());
            JsonNode stats = portal.stats();
            String context = stats + "\n" + server.logTail();
            assertThat(stats.path("today").asLong()).as("today %s", context).isEqualTo(VISITORS);
            assertThat(stats.path("total").asLong()).as("total %s", context).isEqualTo(VISITORS);
            assertThat(stats.path("thisWeek").asLong()).as("thisWeek %s", context).isEqualTo(VISITORS);
            assertThat(stats.path("thisMonth").asLong()).as("thisMonth %s", context).isEqualTo(VISITORS);
            assertThat(stats.path("online").asLong()).as("online %s", context).isEqualTo(VISITORS);
            assertThat(stats.path("yesterday").asLong()).as("yesterday %s", context).isZero();

            LocalDate today = LocalDate.ofInstant(Instant.parse(stats.path("asOf").asText()),
                    ZoneId.of(stats.path("zone").asText()));
            JsonNode daily = portal.daily(today, today);
            assertThat(daily).as("daily %s", daily).hasSize(1);
            assertThat(daily.get(0).path("date").asText()).isEqualTo(today.toString());
            assertThat(daily.get(0).path("visits").asLong()).as("daily %s", daily).isEqualTo(VISITORS);
            assertThat(daily.get(0).path("pageViews").asLong()).as("daily %s", daily)
                    .isEqualTo((long) CLIENTS * VISITORS);
        }
    }

    /** One client: its own connection, every visitor once, in an order of its own. */
    private static Callable<Map<Integer, Integer>> client(String baseUrl, int seed) {
        return () -> {
            List<Integer> visitors = new ArrayList<>();
            for (int v = 0; v < VISITORS; v++) {
                visitors.add(v);
            }
            Collections.shuffle(visitors, new Random(seed));
            PortalClient client = new PortalClient(baseUrl);
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int visitor : visitors) {
                int status = client.hit(PortalClient.browserUserAgent(visitor), "/");
                statuses.merge(status, 1, Integer::sum);
            }
            return statuses;
        };
    }
}
