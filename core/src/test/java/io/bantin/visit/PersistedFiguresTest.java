package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersistedFiguresTest {

    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 11);

    private final DayBuckets buckets = new DayBuckets();
    private final Baseline baseline = new Baseline(1_000);

    private DaySalts.DayState today() {
        DaySalts days = new DaySalts(ZoneOffset.UTC, 60_000, new SecureRandom(), new InMemoryVisitStore(), buckets::forDay,
                d -> { });
        long noon = WEDNESDAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        days.restore(List.of(), noon, WEDNESDAY);
        return days.current();
    }

    @Test
    void statsAddTheUnflushedBucketsToTheMirrorAndAFlushMovesAmountsWithoutCountingThemTwice() {
        Map<Long, long[]> stored = Map.of(
                WEDNESDAY.toEpochDay(), new long[] {5, 50, 1},
                WEDNESDAY.minusDays(1).toEpochDay(), new long[] {4, 40, 0},
                WEDNESDAY.minusDays(3).toEpochDay(), new long[] {3, 30, 0}); // Sunday: last week, this month
        PersistedFigures mirror = new PersistedFigures(buckets, DayOfWeek.MONDAY, stored, 100, Map.of(7L, 9L));
        DaySalts.DayState s = today();
        s.bucket.visits.add(2);
        s.bucket.pageViews.add(3);
        s.bucket.viewArticle(7);
        buckets.forDay(WEDNESDAY.minusDays(1).toEpochDay()).visits.add(1);

        VisitStats before = mirror.stats(s, 0, 4, baseline);
        assertThat(List.of(before.online(), before.today(), before.yesterday(), before.thisWeek(), before.thisMonth(),
                before.total(), before.pageViewsToday(), before.botsToday()))
                .containsExactly(4L, 7L, 5L, 12L, 15L, 1_103L, 53L, 1L);
        assertThat(mirror.views(List.of(7L, 8L))).containsExactly(Map.entry(7L, 10L), Map.entry(8L, 0L));

        DayBuckets.Snapshot taken = buckets.snapshot();
        s.bucket.visits.increment(); // a hit during the write stays for the next flush
        mirror.applied(taken.taken());
        VisitStats after = mirror.stats(s, 0, 4, baseline);
        assertThat(after.today()).isEqualTo(before.today() + 1);
        assertThat(after.total()).isEqualTo(before.total() + 1);
        assertThat(s.bucket.visits.sum()).isEqualTo(1);
        assertThat(mirror.views(List.of(7L))).containsExactly(Map.entry(7L, 10L));
    }

    @Test
    void aReloadReplacesTheMirrorAndFlushedBucketsOfPastDaysArePruned() {
        PersistedFigures mirror = new PersistedFigures(buckets, DayOfWeek.MONDAY, Map.of(), 0, Map.of());
        DaySalts.DayState s = today();
        long old = WEDNESDAY.minusDays(5).toEpochDay();
        buckets.forDay(old);
        mirror.reload(Map.of(WEDNESDAY.toEpochDay(), new long[] {8, 9, 0}), 20, Map.of(3L, 4L),
                () -> baseline.reloaded(50));
        VisitStats stats = mirror.stats(s, 0, 0, baseline);
        assertThat(List.of(stats.today(), stats.total())).containsExactly(8L, 70L);
        assertThat(mirror.storedViews(3)).isEqualTo(4);
        mirror.pruneBuckets(WEDNESDAY.toEpochDay() - 1);
        assertThat(buckets.get(old)).isNull();
        assertThat(buckets.get(WEDNESDAY.toEpochDay())).isNotNull();
        assertThat(mirror.unsaved()).isEmpty();
        s.bucket.bots.increment();
        assertThat(mirror.unsaved()).contains("2026-03-11", "1 bots");
    }

    @Test
    void whatAFailedCloseCouldNotSaveIsListedByDayWithoutEmptyDaysOrArticles() {
        PersistedFigures mirror = new PersistedFigures(buckets, DayOfWeek.MONDAY, Map.of(), 0, Map.of());
        DaySalts.DayState s = today();
        assertThat(mirror.unsaved()).isEmpty();
        s.bucket.visits.add(2);
        s.bucket.pageViews.add(5);
        s.bucket.bots.add(1);
        s.bucket.viewArticle(7);
        s.bucket.viewArticle(7);
        s.bucket.viewArticle(8);
        s.bucket.articles.put(9L, new java.util.concurrent.atomic.LongAdder()); // flushed to zero meanwhile
        DayBucket yesterday = buckets.forDay(WEDNESDAY.minusDays(1).toEpochDay());
        yesterday.pageViews.add(1);
        buckets.forDay(WEDNESDAY.minusDays(2).toEpochDay()); // empty: not listed
        assertThat(mirror.unsaved()).isEqualTo(
                " 2026-03-10: 0 visits, 1 page views, 0 bots, 0 article views in 0 articles;"
                + " 2026-03-11: 2 visits, 5 page views, 1 bots, 3 article views in 2 articles;");
    }
}
