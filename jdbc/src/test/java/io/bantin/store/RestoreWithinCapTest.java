package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.InMemoryVisitStore;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.WindowSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart restores no more of the saved window than the cap, the most recent visitors first: the
 * table keeps every visitor of the last half hour, which after a flood is far more than the heap holds.
 */
class RestoreWithinCapTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    private static Hit visitor(int v) {
        return Hit.of("10.2." + (v >> 8) + "." + (v & 0xff), BROWSER, "/");
    }

    @Test
    void theSqlStoreReadsOnlyTheLatestVisitorsOfItsWindow(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        try (Database db = Database.sqlite(dir.resolve("bantin.db"))) {
            SqlVisitStore store = new SqlVisitStore(db);
            try (VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO)
                    .maxTrackedVisitors(10_000).build()) {
                for (int v = 0; v < 3_000; v++) {
                    counter.record(visitor(v));
                    clock.advanceMillis(100);
                }
            }
            WindowSnapshot all = store.loadWindow().orElseThrow();
            WindowSnapshot latest = store.loadWindow(500).orElseThrow();
            assertThat(all.visitors()).hasSize(3_000);
            assertThat(latest.visitors()).hasSize(500);
            Instant oldestKept = latest.visitors().stream().map(ActiveVisitor::lastHit).min(Instant::compareTo).orElseThrow();
            assertThat(all.visitors().stream().filter(a -> !a.lastHit().isBefore(oldestKept))).hasSize(500);
        }
    }

    @Test
    void aCounterWithASmallerCapRestoresTheMostRecentVisitorsUpToIt(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        try (Database db = Database.sqlite(dir.resolve("bantin.db"))) {
            try (VisitCounter counter = VisitCounter.builder().clock(clock).store(new SqlVisitStore(db))
                    .flushInterval(Duration.ZERO).maxTrackedVisitors(10_000).build()) {
                for (int v = 0; v < 3_000; v++) {
                    counter.record(visitor(v));
                    clock.advanceMillis(10);
                }
            }
            try (VisitCounter restarted = VisitCounter.builder().clock(clock).store(new SqlVisitStore(db))
                    .flushInterval(Duration.ZERO).maxTrackedVisitors(1_000).build()) {
                assertThat(restarted.metrics().trackedVisitors()).isEqualTo(1_000);
                assertThat(restarted.stats().online()).isEqualTo(1_000);
                assertThat(restarted.record(visitor(2_999))).as("the latest visitor's visit goes on")
                        .isEqualTo(HitOutcome.PAGE_VIEW);
                assertThat(restarted.record(visitor(0))).as("the oldest was not restored")
                        .isEqualTo(HitOutcome.NEW_VISIT);
                assertThat(restarted.stats().today()).isEqualTo(3_001);
            }
        }
    }

    @Test
    void theInMemoryStoreGivenABoundKeepsOnlyTheMostRecentOfItsWindow() {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        InMemoryVisitStore store = new InMemoryVisitStore(1_000);
        try (VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(1_000).build()) {
            for (int v = 0; v < 20_000; v++) {
                counter.record(visitor(v));
                clock.advanceMillis(10);
                if (v % 500 == 499) {
                    counter.flush();
                    assertThat(store.loadWindow().orElseThrow().visitors()).hasSizeLessThanOrEqualTo(1_250);
                }
            }
            WindowSnapshot window = store.loadWindow().orElseThrow();
            assertThat(window.visitors()).hasSizeBetween(1_000, 1_250);
            assertThat(window.visitors().stream().map(ActiveVisitor::lastHit).max(Instant::compareTo).orElseThrow())
                    .isEqualTo(clock.instant().minusMillis(10));
        }
    }
}
