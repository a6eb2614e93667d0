package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int VISITORS = 3_000;
    private static final int ARTICLES = 10;

    @Test
    void eightThreadsCountExactlyWhileTheFlusherRuns() throws Exception {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        InMemoryVisitStore store = new InMemoryVisitStore();
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ofMillis(10)).build();
        int newVisits = 0;
        for (int n : atOnce((seed, order) -> {
            int mine = 0;
            for (int v : order) {
                if (counter.record(visitor(v).withArticle(1 + v % ARTICLES)) == HitOutcome.NEW_VISIT) {
                    mine++;
                }
                counter.record(Hit.of("66.249.66.1", UserAgents.GOOGLEBOT, "/"));
            }
            return mine;
        })) {
            newVisits += n;
        }

        assertThat(newVisits).as("exactly one thread saw each visitor first").isEqualTo(VISITORS);
        VisitStats s = counter.stats();
        assertThat(s.today()).isEqualTo(VISITORS);
        assertThat(s.online()).isEqualTo(VISITORS);
        assertThat(s.pageViewsToday()).isEqualTo((long) VISITORS * THREADS);
        assertThat(s.botsToday()).isEqualTo((long) VISITORS * THREADS);
        for (long a = 1; a <= ARTICLES; a++) {
            assertThat(counter.views(a)).isEqualTo(VISITORS / ARTICLES);
        }
        counter.close();
        LocalDate day = LocalDate.of(2026, 3, 9);
        assertThat(store.daily(day, day)).containsExactly(
                new DailyCount(day, VISITORS, (long) VISITORS * THREADS, (long) VISITORS * THREADS));
        assertThat(store.articleViews(List.of(1L)).get(1L)).isEqualTo(VISITORS / ARTICLES);
    }

    @Test
    void afterARestartEightThreadsHittingEveryRestoredVisitorAtOnceStartNoNewVisit() throws Exception {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        InMemoryVisitStore store = new InMemoryVisitStore();
        try (VisitCounter first = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build()) {
            for (int v = 0; v < VISITORS; v++) {
                first.record(visitor(v).withArticle(1));
            }
        }
        clock.advance(Duration.ofMinutes(1));
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ofMillis(10)).build();
        VisitStats before = counter.stats();
        assertThat(before.today()).isEqualTo(VISITORS);
        assertThat(before.online()).isEqualTo(VISITORS);
        assertThat(counter.metrics().trackedVisitors()).isEqualTo(VISITORS);
        for (int notPageViews : atOnce((seed, order) -> {
            int mine = 0;
            for (int v : order) {
                // Article 1 was viewed in the open visit before the restart; article 2 is new to it.
                if (counter.record(visitor(v).withArticle(1 + seed % 2)) != HitOutcome.PAGE_VIEW) {
                    mine++;
                }
            }
            return mine;
        })) {
            assertThat(notPageViews).as("every restored visitor's hit continues its open visit").isZero();
        }
        counter.flush();
        VisitStats after = counter.stats();
        assertThat(after.today()).isEqualTo(VISITORS);
        assertThat(after.online()).isEqualTo(VISITORS);
        assertThat(after.pageViewsToday()).isEqualTo(before.pageViewsToday() + (long) THREADS * VISITORS);
        assertThat(counter.views(1)).as("viewed before the restart, not again").isEqualTo(VISITORS);
        assertThat(counter.views(2)).as("once per visitor, however many threads").isEqualTo(VISITORS);
        assertThat(counter.metrics().trackedVisitors()).isEqualTo(VISITORS);
        counter.close();
    }

    @Test
    void restoredVisitorsNoHitTouchedAreForgottenOnceTheirVisitTimedOut() {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        InMemoryVisitStore store = new InMemoryVisitStore();
        Hit reader = Hit.of("10.0.0.1", UserAgents.CHROME_WINDOWS, "/a");
        try (VisitCounter first = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build()) {
            first.record(reader);
            first.record(Hit.of("10.0.0.2", UserAgents.CHROME_WINDOWS, "/a"));
        }
        try (VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build()) {
            assertThat(counter.metrics().trackedVisitors()).isEqualTo(2);
            clock.advance(Duration.ofMinutes(29));
            assertThat(counter.record(reader)).isEqualTo(HitOutcome.PAGE_VIEW);
            clock.advance(Duration.ofMinutes(2));
            counter.flush();
            // The untouched one is past the 30-minute visit timeout: gone; the reader hit 2 minutes ago.
            assertThat(counter.metrics().trackedVisitors()).isEqualTo(1);
            assertThat(counter.record(Hit.of("10.0.0.2", UserAgents.CHROME_WINDOWS, "/a"))).isEqualTo(HitOutcome.NEW_VISIT);
            assertThat(counter.stats().today()).isEqualTo(3);
        }
    }

    private static final String[] AGENTS = {UserAgents.CHROME_WINDOWS, UserAgents.SAFARI_IPHONE, UserAgents.ZALO_ANDROID};

    /** Visitor number {@code v}'s hit on a page: its own address and one of three browsers. */
    private static Hit visitor(int v) {
        return Hit.of("10." + (v >> 8) + "." + (v & 0xff) + ".1", AGENTS[v % 3], "/a");
    }

    /** Runs {@link #THREADS} tasks released together, each with its seed and all visitors in its own order. */
    private static List<Integer> atOnce(BiFunction<Integer, List<Integer>, Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int v = 0; v < VISITORS; v++) {
                        order.add(v);
                    }
                    Collections.shuffle(order, new Random(seed));
                    start.await();
                    return task.apply(seed, order);
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : results) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
