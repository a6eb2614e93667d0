package io.bantin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.StoreChanges;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitInterval;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What every {@link VisitStore} must do; subclasses provide the store. */
public abstract class VisitStoreContract {

    /** For subclasses, which provide the store through {@link #store()}. */
    protected VisitStoreContract() {
    }

    protected static final LocalDate D1 = LocalDate.of(2026, 3, 9);
    protected static final LocalDate D2 = LocalDate.of(2026, 3, 10);

    protected abstract VisitStore store();

    @Test
    public void anEmptyStoreHasNothing() {
        VisitStore store = store();
        assertThat(store.baseline()).isZero();
        assertThat(store.totalVisits()).isZero();
        assertThat(store.daily(D1, D2)).isEmpty();
        assertThat(store.articleViews(List.of(1L))).isEmpty();
        assertThat(store.allArticleViews()).isEmpty();
        assertThat(store.articleViews(List.of(), D1, D2)).isEmpty();
        assertThat(store.topArticles(D1, D2, 5)).isEmpty();
        assertThat(store.loadWindow()).isEmpty();
        assertThat(store.topValues(Dimension.REFERRER, D1, D2, 5)).isEmpty();
        assertThat(store.dimensionVisits(Dimension.DEVICE, List.of("phone"), D1, D2)).isEmpty();
    }

    @Test
    public void visitsByDimensionValueAddUpPerDayAndAreReadByRange() {
        VisitStore store = store();
        store.apply(VisitDelta.builder()
                .dimensionDays(List.of(new DimensionDayCount(D1, Dimension.REFERRER, "vnexpress.net", 3),
                        new DimensionDayCount(D1, Dimension.REFERRER, Dimension.DIRECT, 5),
                        new DimensionDayCount(D1, Dimension.DEVICE, "phone", 7)))
                .sequence(42, 1)
                .build());
        store.apply(VisitDelta.builder()
                .dimensionDays(List.of(new DimensionDayCount(D1, Dimension.REFERRER, "vnexpress.net", 1),
                        new DimensionDayCount(D2, Dimension.REFERRER, "vnexpress.net", 4),
                        new DimensionDayCount(D2, Dimension.REFERRER, "dantri.com.vn", 2)))
                .build());
        store.apply(VisitDelta.builder()
                .dimensionDays(List.of(new DimensionDayCount(D2, Dimension.REFERRER, "dantri.com.vn", 100)))
                .sequence(42, 1)
                .build()); // a retry of the first: skipped, whatever it carries
        assertThat(store.topValues(Dimension.REFERRER, D1, D2, 5)).containsExactly(
                new DimensionCount("vnexpress.net", 8), new DimensionCount(Dimension.DIRECT, 5),
                new DimensionCount("dantri.com.vn", 2));
        assertThat(store.topValues(Dimension.REFERRER, D1, D1, 1)).containsExactly(new DimensionCount(Dimension.DIRECT, 5));
        assertThat(store.topValues(Dimension.DEVICE, D2, D2, 5)).as("another day").isEmpty();
        assertThat(store.topValues(Dimension.DEVICE, D1, D2, 5)).as("dimensions apart")
                .containsExactly(new DimensionCount("phone", 7));
        assertThat(store.dimensionVisits(Dimension.REFERRER, List.of("vnexpress.net", "dantri.com.vn", "none.vn"), D2, D2))
                .containsOnly(Map.entry("vnexpress.net", 4L), Map.entry("dantri.com.vn", 2L));
        assertThat(store.daily(D1, D2)).as("the breakdowns leave the days alone").isEmpty();
    }

    @Test
    public void deltasAddUp() {
        VisitStore store = store();
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 3, 5, 1)))
                .articleDays(List.of(new ArticleDayViews(D1, 7, 2), new ArticleDayViews(D1, 8, 1)))
                .baseline(722_158)
                .build());
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 1, 1, 0), new DailyCount(D2, 2, 4, 6)))
                .articleDays(List.of(new ArticleDayViews(D1, 7, 1), new ArticleDayViews(D2, 7, 3), new ArticleDayViews(D2, 9, 4)))
                .build());
        assertThat(store.baseline()).isEqualTo(722_158);
        assertThat(store.totalVisits()).isEqualTo(6);
        assertThat(store.daily(D1, D2)).containsExactly(new DailyCount(D1, 4, 6, 1), new DailyCount(D2, 2, 4, 6));
        assertThat(store.daily(D2, D2)).containsExactly(new DailyCount(D2, 2, 4, 6));
        assertThat(store.articleViews(List.of(7L, 8L, 9L, 10L))).containsOnly(
                Map.entry(7L, 6L), Map.entry(8L, 1L), Map.entry(9L, 4L));
        assertThat(store.articleViews(List.of(7L, 8L), D2, D2)).containsOnly(Map.entry(7L, 3L));
        assertThat(store.allArticleViews()).containsOnly(Map.entry(7L, 6L), Map.entry(8L, 1L), Map.entry(9L, 4L));
        assertThat(store.topArticles(D1, D2, 2)).containsExactly(new ArticleViews(7, 6), new ArticleViews(9, 4));
        assertThat(store.topArticles(D1, D1, 5)).containsExactly(new ArticleViews(7, 3), new ArticleViews(8, 1));
        store.apply(VisitDelta.builder().baseline(5).build());
        assertThat(store.baseline()).isEqualTo(5);
    }

    @Test
    public void aSequencedDeltaIsAppliedOncePerWriter() {
        VisitStore store = store();
        assertThat(store.appliedSequence(42)).isZero();
        VisitDelta first = sequenced(42, 1);
        store.apply(first);
        store.apply(first);
        assertThat(store.totalVisits()).isEqualTo(1);
        assertThat(store.articleViews(List.of(7L))).containsOnly(Map.entry(7L, 1L));
        assertThat(store.appliedSequence(42)).isEqualTo(1);
        store.apply(sequenced(42, 2));
        store.apply(sequenced(-43, 1));
        store.apply(sequenced(42, 2));
        store.apply(sequenced(42, 1));
        assertThat(store.totalVisits()).isEqualTo(3);
        assertThat(store.allArticleViews()).containsOnly(Map.entry(7L, 3L));
        assertThat(store.appliedSequence(42)).isEqualTo(2);
        assertThat(store.appliedSequence(-43)).isEqualTo(1);
    }

    @Test
    public void changesSinceReturnsWhatChangedAfterTheNumberAndTheNumberToAskFromNext() {
        VisitStore store = store();
        StoreChanges empty = store.changesSince(0, T0);
        assertThat(empty.days()).isEmpty();
        assertThat(empty.articleViews()).isEmpty();
        assertThat(List.of(empty.baseline(), empty.totalVisits())).containsExactly(0L, 0L);
        store.apply(sequenced(42, 1));
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D2, 0, 4, 1)))
                .articleDays(List.of(new ArticleDayViews(D2, 8, 2))).baseline(9).sequence(-43, 1).build());
        StoreChanges all = store.changesSince(empty.number(), T0);
        assertThat(all.number()).isGreaterThan(empty.number());
        assertThat(all.days()).containsExactly(new DailyCount(D1, 1, 1, 0), new DailyCount(D2, 0, 4, 1));
        assertThat(all.articleViews()).isEqualTo(Map.of(7L, 1L, 8L, 2L));
        assertThat(List.of(all.baseline(), all.totalVisits())).containsExactly(9L, 1L);
        assertThat(store.changesSince(all.number(), T0).days()).as("nothing since").isEmpty();

        store.apply(sequenced(42, 2));
        store.apply(sequenced(42, 2)); // a retry, skipped
        StoreChanges next = store.changesSince(all.number(), T0);
        assertThat(next.days()).as("only the day that changed, as stored in full").containsExactly(new DailyCount(D1, 2, 2, 0));
        assertThat(next.articleViews()).as("only the article that changed, its all-time views").isEqualTo(Map.of(7L, 2L));
        assertThat(next.totalVisits()).isEqualTo(2);
        assertThat(store.changesSince(next.number(), T0).articleViews()).isEmpty();
    }

    @Test
    public void changesSinceTellsTheLatestEndOfEachVisitorsChangedIntervalsFromTheGivenInstant() {
        VisitStore store = store();
        long t = T0.toEpochMilli();
        store.apply(VisitDelta.builder().interval(interval(1, D1, t - 600_000, t - 400_000))
                .interval(interval(2, D1, t - 60_000, t - 1)).interval(interval(3, D1, t, t + 5_000))
                .interval(interval(3, D1, t - 3_600_000, t - 3_500_000)).build());
        StoreChanges changes = store.changesSince(0, T0.minusMillis(1));
        assertThat(changes.lastHits()).as("ended before the instant: not online")
                .isEqualTo(Map.of(2L, t - 1, 3L, t + 5_000));
        store.apply(VisitDelta.builder().interval(interval(2, D1, t + 1_000, t + 2_000)).build());
        assertThat(store.changesSince(changes.number(), T0).lastHits()).as("only the visitor whose intervals changed")
                .isEqualTo(Map.of(2L, t + 2_000));
    }

    @Test
    public void intervalsOfOneVisitorFromSeveralWritersAreOneVisitWhenLessThanTheTimeoutApart() {
        VisitStore store = store();
        long t = T0.toEpochMilli();
        long timeout = VisitDelta.DEFAULT_VISIT_TIMEOUT.toMillis();
        store.apply(VisitDelta.builder().interval(interval(5, D1, t, t + 60_000, 7L)).sequence(1, 1).build());
        store.apply(VisitDelta.builder().interval(interval(5, D1, t + 30_000, t + 90_000, 8L)).sequence(2, 1).build());
        assertThat(store.totalVisits()).as("overlapping: one visit").isEqualTo(1);
        store.apply(VisitDelta.builder().interval(interval(5, D1, t + 90_000 + timeout - 1, t + 90_000 + timeout, 7L))
                .sequence(2, 2).build());
        assertThat(store.totalVisits()).as("a gap one millisecond short of the timeout: the same visit").isEqualTo(1);
        long later = t + 90_000 + 2 * timeout;
        store.apply(VisitDelta.builder().interval(interval(5, D1, later, later, 7L)).sequence(1, 2).build());
        assertThat(store.totalVisits()).as("a gap of exactly the timeout: a new visit").isEqualTo(2);
        assertThat(store.allArticleViews()).as("once per visit, the union of what both writers saw")
                .isEqualTo(Map.of(7L, 2L, 8L, 1L));
        store.apply(VisitDelta.builder().interval(interval(5, D1, t + 90_000 + timeout, later - 1)).sequence(3, 1).build());
        assertThat(store.totalVisits()).as("an interval that bridges two stored visits joins them").isEqualTo(1);
        assertThat(store.allArticleViews()).isEqualTo(Map.of(7L, 1L, 8L, 1L));
        assertThat(store.daily(D1, D1)).containsExactly(new DailyCount(D1, 1, 0, 0));
        store.apply(VisitDelta.builder().interval(interval(5, D1, t, t + 60_000, 7L)).sequence(1, 3).build());
        assertThat(store.changesSince(0, T0).totalVisits()).as("sent again: nothing changes").isEqualTo(1);
        store.apply(VisitDelta.builder().interval(interval(5, D2, later + 1, later + 1)).build());
        assertThat(store.daily(D1, D2)).as("another day is another visit")
                .containsExactly(new DailyCount(D1, 1, 0, 0), new DailyCount(D2, 1, 0, 0));
    }

    @Test
    public void aMergedVisitCountsUnderTheDimensionValuesOfItsEarliestPart() {
        VisitStore store = store();
        long t = T0.toEpochMilli();
        store.apply(VisitDelta.builder().interval(new VisitInterval(9, D1, t + 1_000, t + 2_000, List.of(),
                List.of("dantri.com.vn", "phone"))).build());
        assertThat(store.topValues(Dimension.REFERRER, D1, D1, 5)).containsExactly(new DimensionCount("dantri.com.vn", 1));
        store.apply(VisitDelta.builder().interval(new VisitInterval(9, D1, t, t + 500, List.of(),
                List.of("vnexpress.net", "desktop"))).build());
        assertThat(store.topValues(Dimension.REFERRER, D1, D1, 5)).containsExactly(new DimensionCount("vnexpress.net", 1));
        assertThat(store.topValues(Dimension.DEVICE, D1, D1, 5)).containsExactly(new DimensionCount("desktop", 1));
        assertThat(store.daily(D1, D1)).containsExactly(new DailyCount(D1, 1, 0, 0));
    }

    private static final Instant T0 = Instant.parse("2026-03-09T03:00:00Z");

    private static VisitInterval interval(long key, LocalDate day, long start, long end, Long... articles) {
        return new VisitInterval(key, day, start, end, List.of(articles), List.of());
    }

    private static VisitDelta sequenced(long writer, long sequence) {
        return VisitDelta.builder().days(List.of(new DailyCount(D1, 1, 1, 0)))
                .articleDays(List.of(new ArticleDayViews(D1, 7, 1)))
                .sequence(writer, sequence)
                .build();
    }

    @Test
    public void aDaysSaltIsTheFirstOneStoredAndOnlyEarlierDaysAreForgotten() {
        VisitStore store = store();
        LocalDate d3 = D2.plusDays(1);
        VisitorSalt agreed = VisitorSalt.fromWords(d3, 1, 2);
        assertThat(store.agreeSalt(agreed)).isEqualTo(agreed);
        assertThat(store.agreeSalt(VisitorSalt.fromWords(d3, 3, 4))).as("another counter's proposal").isEqualTo(agreed);
        VisitorSalt today = VisitorSalt.fromWords(D2, 5, 6);
        VisitorSalt yesterday = VisitorSalt.fromWords(D1, 7, 8);
        store.apply(VisitDelta.builder().salts(List.of(today, yesterday)).build());
        assertThat(store.loadWindow().orElseThrow().salts()).containsExactly(agreed, today, yesterday);
        store.apply(VisitDelta.builder().salts(List.of(VisitorSalt.fromWords(D2, 9, 10))).build());
        assertThat(store.loadWindow().orElseThrow().salts()).as("yesterday's forgotten, the stored ones kept")
                .containsExactly(agreed, today);
        assertThat(store.agreeSalt(VisitorSalt.fromWords(D2, 11, 12))).isEqualTo(today);
    }

    @Test
    public void topArticlesBreaksTiesByIdAndHandlesManyIds() {
        VisitStore store = store();
        List<ArticleDayViews> views = LongStream.rangeClosed(1, 1200).mapToObj(id -> new ArticleDayViews(D1, id, 1)).toList();
        store.apply(VisitDelta.builder().articleDays(views).build());
        assertThat(store.topArticles(D1, D1, 3)).containsExactly(new ArticleViews(1, 1), new ArticleViews(2, 1), new ArticleViews(3, 1));
        assertThat(store.articleViews(LongStream.rangeClosed(1, 1300).boxed().toList())).hasSize(1200);
    }

    @Test
    public void theWindowIsEachVisitorsLatestIntervalWrittenWithTheCountsAndOldDaysAreForgotten() {
        VisitStore store = store();
        VisitInterval a = new VisitInterval(-5, D1, Instant.parse("2026-03-09T02:40:00Z").toEpochMilli(),
                Instant.parse("2026-03-09T03:00:00Z").toEpochMilli(), List.of(3L, 4L), List.of("(direct)", "phone"));
        VisitInterval earlierOfB = interval(6, D1, Instant.parse("2026-03-09T01:00:00Z").toEpochMilli(),
                Instant.parse("2026-03-09T01:10:00Z").toEpochMilli());
        VisitInterval b = interval(6, D1, Instant.parse("2026-03-09T02:59:00Z").toEpochMilli(),
                Instant.parse("2026-03-09T02:59:00Z").toEpochMilli());
        List<VisitorSalt> salts = List.of(VisitorSalt.fromWords(D2, 1, -2), VisitorSalt.fromWords(D1, Long.MIN_VALUE, Long.MAX_VALUE));
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 0, 3, 0)))
                .salts(salts)
                .intervals(List.of(a, b, earlierOfB))
                .build());
        WindowSnapshot back = store.loadWindow().orElseThrow();
        assertThat(back.salts()).containsExactlyInAnyOrderElementsOf(salts);
        assertThat(back.visitors()).containsExactlyInAnyOrder(a, b);
        assertThat(back.takenAt()).isEqualTo(Instant.parse("2026-03-09T03:00:00Z"));
        assertThat(store.loadWindow(1).orElseThrow().visitors()).as("the latest first").containsExactly(a);
        assertThat(store.totalVisits()).isEqualTo(3);

        VisitInterval a2 = new VisitInterval(-5, D1, a.start(), Instant.parse("2026-03-09T03:10:00Z").toEpochMilli(),
                List.of(3L, 4L, 9L), a.values());
        VisitInterval c = interval(7, D2, Instant.parse("2026-03-10T00:10:00Z").toEpochMilli(),
                Instant.parse("2026-03-10T00:10:00Z").toEpochMilli());
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 0, 1, 0)))
                .salts(List.of(VisitorSalt.fromWords(D2, 1, -2)))
                .intervals(List.of(a2, c))
                .build());
        back = store.loadWindow().orElseThrow();
        assertThat(back.salts()).containsExactly(VisitorSalt.fromWords(D2, 1, -2));
        assertThat(back.visitors()).containsExactlyInAnyOrder(a2, b, c);
        assertThat(store.allArticleViews()).isEqualTo(Map.of(3L, 1L, 4L, 1L, 9L, 1L));

        store.apply(VisitDelta.builder().forgetIntervalsBefore(D2).build());
        assertThat(store.loadWindow().orElseThrow().visitors()).as("the day before is forgotten").containsExactly(c);
        assertThat(store.totalVisits()).as("the visits stay counted").isEqualTo(4);
        assertThat(store.daily(D1, D2)).containsExactly(new DailyCount(D1, 3, 4, 0), new DailyCount(D2, 1, 0, 0));
    }
}
