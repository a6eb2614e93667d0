package io.bantin.visit;

import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unflushed amounts, one {@link DayBucket} per day: what recording threads add to and what a
 * flush takes a snapshot of. Lock-free (striped adders in concurrent maps); removing a bucket is the
 * mirror's business, under its lock ({@link PersistedFigures#pruneBuckets}).
 */
final class DayBuckets {

    private final ConcurrentHashMap<Long, DayBucket> buckets = new ConcurrentHashMap<>();

    /** The bucket of a day, created if needed. */
    DayBucket forDay(long epochDay) {
        return buckets.computeIfAbsent(epochDay, DayBucket::new);
    }

    /** The bucket of a day, or null. */
    DayBucket get(long epochDay) {
        return buckets.get(epochDay);
    }

    /** Every bucket (a live view). */
    Collection<DayBucket> all() {
        return buckets.values();
    }

    /** Drops the empty buckets of days before {@code keepFrom}; whether any was dropped. */
    boolean removeEmptyBefore(long keepFrom) {
        return buckets.values().removeIf(b -> b.epochDay < keepFrom && b.isEmpty());
    }

    /** Unflushed views of an article, over all days. */
    long unflushedViews(long articleId) {
        long sum = 0;
        for (DayBucket b : buckets.values()) {
            sum = Saturating.add(sum, b.articleViews(articleId));
        }
        return sum;
    }

    /** Unflushed views by article between from and to inclusive; only articles with some. */
    Map<Long, Long> articleViews(LocalDate from, LocalDate to) {
        Map<Long, Long> unflushed = new HashMap<>();
        for (DayBucket b : inRange(from, to)) {
            b.articles.forEach((id, adder) -> {
                long n = adder.sum();
                if (n > 0) {
                    unflushed.merge(id, n, Saturating::add);
                }
            });
        }
        return unflushed;
    }

    /** Unflushed visits by value of {@code dimension} between from and to inclusive; only values with some. */
    Map<String, Long> dimensionVisits(Dimension dimension, LocalDate from, LocalDate to) {
        Map<String, Long> unflushed = new HashMap<>();
        for (DayBucket b : inRange(from, to)) {
            b.dimensions[dimension.ordinal()].forEachPositive((value, n) -> unflushed.merge(value, n, Saturating::add));
        }
        return unflushed;
    }

    private List<DayBucket> inRange(LocalDate from, LocalDate to) {
        List<DayBucket> in = new ArrayList<>();
        for (DayBucket b : buckets.values()) {
            if (b.epochDay >= from.toEpochDay() && b.epochDay <= to.toEpochDay()) {
                in.add(b);
            }
        }
        return in;
    }

    /** A bucket's amounts as written by one flush, to be subtracted once the store committed them. */
    record Taken(DayBucket bucket, long visits, long pageViews, long bots, Map<Long, Long> articles,
                 List<Map<String, Long>> dimensions) {

        /** Subtracts these amounts from the bucket: hits recorded since stay for the next flush. */
        void subtract() {
            bucket.visits.add(-visits);
            bucket.pageViews.add(-pageViews);
            bucket.bots.add(-bots);
            articles.forEach((id, n) -> bucket.articles.get(id).add(-n));
            for (int i = 0; i < dimensions.size(); i++) {
                bucket.dimensions[i].subtract(dimensions.get(i));
            }
        }
    }

    /** What one flush takes: the amounts of every non-empty bucket, and the delta's lists of them. */
    record Snapshot(List<Taken> taken, List<DailyCount> days, List<ArticleDayViews> articleDays,
                    List<DimensionDayCount> dimensionDays) {

        boolean hasAmounts() {
            return !days.isEmpty() || !articleDays.isEmpty() || !dimensionDays.isEmpty();
        }
    }

    /** Reads every bucket's amounts as they are now; nothing is subtracted yet. */
    Snapshot snapshot() {
        List<Taken> taken = new ArrayList<>();
        List<DailyCount> days = new ArrayList<>();
        List<ArticleDayViews> articleDays = new ArrayList<>();
        List<DimensionDayCount> dimensionDays = new ArrayList<>();
        for (DayBucket b : buckets.values()) {
            LocalDate date = LocalDate.ofEpochDay(b.epochDay);
            long v = b.visits.sum();
            long p = b.pageViews.sum();
            long bt = b.bots.sum();
            Map<Long, Long> articles = new HashMap<>();
            b.articles.forEach((id, adder) -> {
                long n = adder.sum();
                if (n > 0) {
                    articles.put(id, n);
                    articleDays.add(new ArticleDayViews(date, id, n));
                }
            });
            List<Map<String, Long>> dimensions = new ArrayList<>(Dimension.ALL.length);
            boolean anyDimension = false;
            for (Dimension d : Dimension.ALL) {
                Map<String, Long> values = new HashMap<>();
                b.dimensions[d.ordinal()].forEachPositive((value, n) -> {
                    values.put(value, n);
                    dimensionDays.add(new DimensionDayCount(date, d, value, n));
                });
                anyDimension |= !values.isEmpty();
                dimensions.add(values);
            }
            if (v != 0 || p != 0 || bt != 0) {
                days.add(new DailyCount(date, v, p, bt));
            }
            if (v != 0 || p != 0 || bt != 0 || !articles.isEmpty() || anyDimension) {
                taken.add(new Taken(b, v, p, bt, articles, dimensions));
            }
        }
        return new Snapshot(taken, days, articleDays, dimensionDays);
    }
}
