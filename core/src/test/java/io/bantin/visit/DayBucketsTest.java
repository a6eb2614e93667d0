package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unflushed amounts per day: what a flush takes, that it is taken once, and which buckets may go. */
class DayBucketsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    private final DayBuckets buckets = new DayBuckets();

    private static void flushed(DayBuckets.Snapshot snapshot) {
        snapshot.taken().forEach(DayBuckets.Taken::subtract);
    }

    @Test
    void aBucketCaughtWithOnlyAnArticleViewIsWrittenOnce() {
        DayBucket b = buckets.forDay(DAY.toEpochDay());
        b.viewArticle(7); // a flush between a hit's page view and its article view
        DayBuckets.Snapshot first = buckets.snapshot();
        assertThat(first.hasAmounts()).isTrue();
        assertThat(first.days()).isEmpty();
        assertThat(first.articleDays()).hasSize(1);
        flushed(first);
        assertThat(buckets.snapshot().hasAmounts()).as("not written again").isFalse();
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void aBucketCaughtWithOnlyADimensionValueIsWrittenOnce() {
        DayBucket b = buckets.forDay(DAY.toEpochDay());
        b.dimensions[Dimension.DEVICE.ordinal()].add("mobile");
        assertThat(b.isEmpty()).isFalse();
        DayBuckets.Snapshot first = buckets.snapshot();
        assertThat(first.dimensionDays()).hasSize(1);
        flushed(first);
        assertThat(buckets.snapshot().hasAmounts()).isFalse();
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void anEmptyBucketGivesNothingToWrite() {
        buckets.forDay(DAY.toEpochDay());
        DayBuckets.Snapshot snapshot = buckets.snapshot();
        assertThat(snapshot.hasAmounts()).isFalse();
        assertThat(snapshot.taken()).isEmpty();
    }

    @Test
    void aBucketWithOnlyAnArticleViewIsNotEmpty() {
        DayBucket b = buckets.forDay(DAY.toEpochDay());
        b.viewArticle(7);
        assertThat(b.isEmpty()).isFalse();
    }

    @Test
    void onlyEmptyBucketsOfDaysBeforeTheGivenOneAreDropped() {
        buckets.forDay(DAY.minusDays(2).toEpochDay());
        buckets.forDay(DAY.minusDays(2).toEpochDay() - 1).pageViews.increment();
        buckets.forDay(DAY.minusDays(1).toEpochDay());
        assertThat(buckets.removeEmptyBefore(DAY.minusDays(1).toEpochDay())).isTrue();
        assertThat(buckets.get(DAY.minusDays(2).toEpochDay())).isNull();
        assertThat(buckets.get(DAY.minusDays(2).toEpochDay() - 1)).as("still holds a page view").isNotNull();
        assertThat(buckets.get(DAY.minusDays(1).toEpochDay())).as("the day given is kept").isNotNull();
        assertThat(buckets.removeEmptyBefore(DAY.minusDays(1).toEpochDay())).as("nothing left to drop").isFalse();
    }

    @Test
    void unflushedArticleViewsListOnlyArticlesWithViewsInTheRange() {
        DayBucket b = buckets.forDay(DAY.toEpochDay());
        b.viewArticle(7);
        b.viewArticle(8);
        buckets.forDay(DAY.plusDays(1).toEpochDay()).viewArticle(9);
        flushed(buckets.snapshot());
        b.viewArticle(7);
        assertThat(buckets.articleViews(DAY, DAY)).isEqualTo(Map.of(7L, 1L));
    }
}
