package io.bantin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.VisitDelta;
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
    public void appliedByOthersGrowsWithEveryOtherWritersFlushesOnly() {
        VisitStore store = store();
        assertThat(store.appliedByOthers(42)).isZero();
        store.apply(sequenced(42, 1));
        store.apply(sequenced(42, 2));
        assertThat(store.appliedByOthers(42)).as("its own flushes").isZero();
        assertThat(store.appliedByOthers(-43)).isEqualTo(2);
        store.apply(sequenced(-43, 1));
        store.apply(sequenced(0x7fff_ffff_ffffL, 1));
        store.apply(sequenced(0x7fff_ffff_ffffL, 1)); // a retry, skipped
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 1, 1, 0))).build());
        assertThat(store.appliedByOthers(42)).isEqualTo(2);
        assertThat(store.appliedByOthers(-43)).isEqualTo(3);
        assertThat(store.appliedByOthers(1)).isEqualTo(4);
        store.apply(VisitDelta.builder().baseline(7).sequence(42, 3).build());
        assertThat(store.appliedByOthers(-43)).as("a baseline alone is a write too").isEqualTo(4);
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
    public void theWindowIsWrittenWithTheCountsAndExpiredVisitorsAreForgotten() {
        VisitStore store = store();
        ActiveVisitor a = new ActiveVisitor(-5, Instant.parse("2026-03-09T03:00:00Z"), Instant.parse("2026-03-09T02:40:00Z"), List.of(3L, 4L));
        ActiveVisitor b = new ActiveVisitor(6, Instant.parse("2026-03-09T02:59:00Z"), Instant.parse("2026-03-09T02:59:00Z"), List.of());
        List<VisitorSalt> salts = List.of(VisitorSalt.fromWords(D2, 1, -2), VisitorSalt.fromWords(D1, Long.MIN_VALUE, Long.MAX_VALUE));
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 2, 2, 0)))
                .salts(salts)
                .visitors(List.of(a, b))
                .forgetVisitorsBefore(Instant.parse("2026-03-09T02:00:00Z"))
                .build());
        WindowSnapshot back = store.loadWindow().orElseThrow();
        assertThat(back.salts()).containsExactlyInAnyOrderElementsOf(salts);
        assertThat(back.visitors()).containsExactlyInAnyOrder(a, b);

        ActiveVisitor a2 = new ActiveVisitor(-5, Instant.parse("2026-03-09T03:10:00Z"), Instant.parse("2026-03-09T02:40:00Z"), List.of(3L, 4L, 9L));
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 0, 1, 0)))
                .salts(List.of(VisitorSalt.fromWords(D2, 1, -2)))
                .visitors(List.of(a2))
                .forgetVisitorsBefore(Instant.parse("2026-03-09T03:00:00Z"))
                .build());
        back = store.loadWindow().orElseThrow();
        assertThat(back.salts()).containsExactly(VisitorSalt.fromWords(D2, 1, -2));
        assertThat(back.visitors()).containsExactly(a2);

        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 0, 1, 0))).build());
        assertThat(store.loadWindow().orElseThrow().visitors()).as("the short form leaves the window alone").containsExactly(a2);
        assertThat(store.totalVisits()).isEqualTo(2);
    }
}
