package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitInterval;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counters that flush the same visitor at the same moment (each through its own connection, as
 * servers behind a load balancer do) must not each insert an interval: one of them merges after the
 * other, so a visitor is one visit however many counters saw them.
 */
class ConcurrentAppliesPostgresTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    private static final long T = 1_773_000_000_000L;
    private static final int COUNTERS = 6;

    private ThrowawayDatabase postgres;
    private Database db;

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void countersFlushingOneVisitorAtTheSameMomentCountOneVisit() throws Exception {
        postgres = TestPostgres.createDatabase();
        db = Database.of(postgres.dataSource());
        SqlVisitStore store = new SqlVisitStore(db);
        int visitors = 15;
        ExecutorService pool = Executors.newFixedThreadPool(COUNTERS);
        try {
            for (int v = 1; v <= visitors; v++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> flushes = new ArrayList<>();
                for (int c = 0; c < COUNTERS; c++) {
                    // Each counter saw its own hit of the visitor, a second apart: one visit in all.
                    VisitDelta delta = VisitDelta.builder()
                            .interval(new VisitInterval(v, DAY, T + c * 1_000L, T + c * 1_000L, List.of(7L), List.of()))
                            .sequence(c + 1, v).build();
                    flushes.add(pool.submit(() -> {
                        go.await();
                        store.apply(delta);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : flushes) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.totalVisits()).isEqualTo(visitors);
        assertThat(store.allArticleViews()).containsEntry(7L, (long) visitors);
    }
}
