package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.VisitDelta;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** History read from the store plus the unflushed buckets. */
class StoredFiguresTest {

    private final LocalDate today = LocalDate.of(2026, 3, 9);
    private final InMemoryVisitStore store = new InMemoryVisitStore();
    private final DayBuckets buckets = new DayBuckets();
    private final StoredFigures figures;

    StoredFiguresTest() {
        MutableClock clock = MutableClock.at("2026-03-09T10:00:00Z");
        CounterSettings settings = new CounterSettings(clock, ZoneOffset.UTC, 300_000, 1_800_000, DayOfWeek.MONDAY,
                Duration.ZERO, 1_000, 0, store, List.of(), BotRules.standard(), d -> { }, Set.of(), true);
        PersistedFigures mirror = new PersistedFigures(buckets, DayOfWeek.MONDAY, Map.of(), 0, Map.of());
        DaySalts days = new DaySalts(ZoneOffset.UTC, 1_800_000, new SecureRandom(), store, buckets::forDay, d -> { });
        days.restore(List.of(), clock.millis(), today);
        Flusher flusher = new Flusher(settings, 1_800_000, 1, 0, clock.millis(), buckets, mirror, new Baseline(0),
                new VisitorTracker(clock, 300_000, 1_800_000, 1_000, null, 0), days);
        figures = new StoredFigures(store, buckets, flusher);
    }

    @Test
    void anEntryBelowTheStoresTopOvertakesItWithItsUnflushedAmounts() {
        store.apply(VisitDelta.builder()
                .articleDays(List.of(new ArticleDayViews(today, 1, 5), new ArticleDayViews(today, 2, 4),
                        new ArticleDayViews(today, 3, 3)))
                .dimensionDays(List.of(new DimensionDayCount(today, Dimension.REFERRER, "a.vn", 5),
                        new DimensionDayCount(today, Dimension.REFERRER, "b.vn", 4),
                        new DimensionDayCount(today, Dimension.REFERRER, "c.vn", 3)))
                .build());
        DayBucket bucket = buckets.forDay(today.toEpochDay());
        for (int i = 0; i < 3; i++) {
            bucket.viewArticle(3);
            bucket.dimensions[Dimension.REFERRER.ordinal()].add("c.vn");
        }
        bucket.dimensions[Dimension.REFERRER.ordinal()].add("d.vn");
        assertThat(figures.topArticles(today, today, 2)).containsExactly(new ArticleViews(3, 6), new ArticleViews(1, 5));
        assertThat(figures.breakdown(Dimension.REFERRER, today, today, 2)).containsExactly(
                new DimensionCount("c.vn", 6), new DimensionCount("a.vn", 5));
        assertThat(figures.breakdown(Dimension.REFERRER, today, today, 10)).endsWith(new DimensionCount("d.vn", 1));
        assertThat(figures.breakdown(Dimension.REFERRER, today.plusDays(1), today.plusDays(1), 10)).isEmpty();
    }

    @Test
    void dailyListsEveryDayWithZerosAndTheUnflushedAmounts() {
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(today.minusDays(1), 2, 3, 1))).build());
        buckets.forDay(today.toEpochDay()).visits.add(4);
        assertThat(figures.daily(today.minusDays(2), today)).containsExactly(
                new DailyCount(today.minusDays(2), 0, 0, 0), new DailyCount(today.minusDays(1), 2, 3, 1),
                new DailyCount(today, 4, 0, 0));
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefusedNamingBothDates() {
        LocalDate yesterday = today.minusDays(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> figures.topArticles(today, yesterday, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(today.toString(), yesterday.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> figures.daily(today, yesterday))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(figures.topArticles(today, today, 5)).as("a one-day range is fine").isEmpty();
    }
}
