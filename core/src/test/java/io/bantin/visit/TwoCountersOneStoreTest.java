package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two counters behind a load balancer on one store (here the in-memory one; the same runs on SQLite
 * and PostgreSQL through bantin-testing's ClusterContract): every counter shows, once both flushed,
 * what one counter would show for the union of their hits.
 */
class TwoCountersOneStoreTest {

    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private final FlakyStore store = new FlakyStore();
    private final VisitCounter a = counter();
    private final VisitCounter b = counter();

    private VisitCounter counter() {
        return VisitCounter.builder().clock(clock).zone(ZoneOffset.UTC).store(store).flushInterval(Duration.ZERO).build();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static Hit hit(int v) {
        return Hit.of("203.0.113." + v, UserAgents.CHROME_WINDOWS, "/articles/" + v).withArticle(1 + v % 3);
    }

    private void flushBoth() {
        for (int round = 0; round < 2; round++) {
            a.flush();
            b.flush();
        }
    }

    @Test
    void visitorsAlternatingBetweenTheCountersAreOneVisitEachOnBoth() {
        for (int round = 0; round < 4; round++) {
            for (int v = 1; v <= 100; v++) {
                (v % 2 == round % 2 ? a : b).record(hit(v));
                clock.advanceMillis(50);
            }
            flushBoth();
        }
        for (VisitCounter c : List.of(a, b)) {
            VisitStats s = c.stats();
            assertThat(s.today()).as("each visitor once, not once per counter").isEqualTo(100);
            assertThat(s.pageViewsToday()).isEqualTo(400);
            assertThat(c.views(List.of(1L, 2L, 3L)).values().stream().mapToLong(Long::longValue).sum())
                    .as("an article once per visit").isEqualTo(100);
            assertThat(c.daily(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 9)))
                    .containsExactly(new DailyCount(LocalDate.of(2026, 3, 9), 100, 400, 0));
        }
    }

    @Test
    void onlineCountsTheVisitorsOfBothCountersOnceEach() {
        for (int v = 1; v <= 200; v++) {
            (v <= 100 ? a : b).record(hit(v));
        }
        for (int v = 1; v <= 50; v++) {
            b.record(hit(v)); // seen by both counters: once online
        }
        flushBoth();
        assertThat(a.stats().online()).isEqualTo(200);
        assertThat(b.stats().online()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        a.record(hit(150)); // b's visitor, now on a
        flushBoth();
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(a.stats().online()).as("only the visitor seen a minute ago").isEqualTo(1);
        assertThat(b.stats().online()).as("b learnt of that hit on a").isEqualTo(1);
        assertThat(a.stats().today()).isEqualTo(200);
    }

    @Test
    void aCounterThatCannotReadTheStoreBackAfterItsFlushShowsWhatItCountedUntilTheNextRead() {
        b.record(hit(1));
        b.record(hit(3));
        b.flush();
        a.record(hit(1));
        a.record(hit(2));
        store.failChangesNext.set(1);
        a.flush();
        assertThat(a.stats().today()).as("its own two visits, as counted here; b's not yet read").isEqualTo(2);
        a.flush();
        assertThat(a.stats().today()).as("then the store's: visitor 1 once, and b's visitor 3").isEqualTo(3);
        assertThat(a.stats().online()).isEqualTo(3);
        assertThat(store.delegate.totalVisits()).isEqualTo(3);
    }
}
