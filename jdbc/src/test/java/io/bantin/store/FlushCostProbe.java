package io.bantin.store;

import io.bantin.testing.MutableClock;
import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures one flush of N touched visitors (default 10,000) on a SQLite file and on the embedded
 * PostgreSQL: first N new visitors (N intervals inserted), then the same N again a minute later (N
 * intervals read back, merged and rewritten). A probe run by hand, not part of the suite (no Test
 * suffix); figures for docs/benchmarks.md:
 * {@code ./mvnw -o -pl jdbc -am test -Dtest=FlushCostProbe -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.visitors=10000}
 */
class FlushCostProbe {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("probe.visitors", 10_000);
        Path dir = Files.createTempDirectory("bantin-flush-probe");
        try (Database sqlite = Database.sqlite(dir.resolve("probe.db"))) {
            run("SQLite", n, () -> new SqlVisitStore(sqlite));
        }
        try (ThrowawayDatabase postgres = TestPostgres.createDatabase(); Database pg = Database.of(postgres.dataSource())) {
            run("PostgreSQL", n, () -> new SqlVisitStore(pg));
        }
    }

    private static void run(String name, int n, Supplier<SqlVisitStore> store) {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        try (VisitCounter counter = VisitCounter.builder().clock(clock).store(store.get()).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(4 * n).build()) {
            for (int round = 1; round <= 3; round++) {
                for (int v = 0; v < n; v++) {
                    String ip = "10." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
                    counter.record(Hit.of(ip, BROWSER, "/a").withArticle(1 + (v + round) % 50));
                }
                long started = System.nanoTime();
                counter.flush();
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("PROBE %s: flush %d of %d touched visitors (%s): %d ms%n", name, round, n,
                        round == 1 ? "all new" : "all merged into stored intervals", millis);
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }
}
