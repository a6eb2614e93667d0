package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

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
        String[] agents = {UserAgents.CHROME_WINDOWS, UserAgents.SAFARI_IPHONE, UserAgents.ZALO_ANDROID};
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
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
                int newVisits = 0;
                for (int v : order) {
                    Hit hit = Hit.of("10." + (v >> 8) + "." + (v & 0xff) + ".1", agents[v % 3], "/a").withArticle(1 + v % ARTICLES);
                    if (counter.record(hit) == HitOutcome.NEW_VISIT) {
                        newVisits++;
                    }
                    counter.record(Hit.of("66.249.66.1", UserAgents.GOOGLEBOT, "/"));
                }
                return newVisits;
            }));
        }
        start.countDown();
        int newVisits = 0;
        for (Future<Integer> f : results) {
            newVisits += f.get();
        }
        pool.shutdown();

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
}
