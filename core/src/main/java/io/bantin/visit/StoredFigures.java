package io.bantin.visit;

import io.bantin.visit.spi.VisitStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The readers of history beyond the mirror: days, most-read articles and breakdowns by dimension
 * over any range, read from the store and combined with the unflushed buckets. Takes no lock of its
 * own: each read runs under the flusher's store lock ({@link Flusher#withStore}), so that no flush
 * moves amounts from the buckets to the store while it reads both.
 */
final class StoredFigures {

    /** The longest range of {@link #daily} and {@link #breakdown}, in days. */
    static final int MAX_RANGE_DAYS = 366;

    private final VisitStore store;
    private final DayBuckets buckets;
    private final Flusher flusher;

    StoredFigures(VisitStore store, DayBuckets buckets, Flusher flusher) {
        this.store = store;
        this.buckets = buckets;
        this.flusher = flusher;
    }

    List<DailyCount> daily(LocalDate from, LocalDate to) {
        requireRange(from, to);
        requireAtMostAYear("daily", from, to);
        return flusher.withStore(() -> {
            Map<LocalDate, DailyCount> stored = new HashMap<>();
            for (DailyCount d : store.daily(from, to)) {
                stored.put(d.date(), d);
            }
            List<DailyCount> result = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                DailyCount s = stored.get(d);
                long v = s == null ? 0 : s.visits();
                long p = s == null ? 0 : s.pageViews();
                long b = s == null ? 0 : s.bots();
                DayBucket bucket = buckets.get(d.toEpochDay());
                if (bucket != null) {
                    v = Saturating.add(v, bucket.visits.sum());
                    p = Saturating.add(p, bucket.pageViews.sum());
                    b = Saturating.add(b, bucket.bots.sum());
                }
                result.add(new DailyCount(d, v, p, b));
            }
            return result;
        });
    }

    List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        requireLimit(limit);
        return flusher.withStore(() -> top(buckets.articleViews(from, to),
                n -> store.topArticles(from, to, n), ArticleViews::articleId, ArticleViews::views,
                ids -> store.articleViews(ids, from, to), limit,
                ArticleViews::new, Comparator.comparingLong(ArticleViews::views).reversed()
                        .thenComparingLong(ArticleViews::articleId)));
    }

    List<DimensionCount> breakdown(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        Objects.requireNonNull(dimension, "dimension");
        requireRange(from, to);
        requireAtMostAYear("breakdown", from, to);
        requireLimit(limit);
        return flusher.withStore(() -> top(buckets.dimensionVisits(dimension, from, to),
                n -> store.topValues(dimension, from, to, n), DimensionCount::value, DimensionCount::visits,
                values -> store.dimensionVisits(dimension, values, from, to), limit,
                DimensionCount::new, Comparator.comparingLong(DimensionCount::visits).reversed()
                        .thenComparing(DimensionCount::value)));
    }

    /**
     * The top {@code limit} of stored plus unflushed amounts. An entry outside the store's top
     * (limit + |unflushed|) cannot overtake the true top unless it has unflushed amounts, and those
     * are looked up exactly.
     */
    private static <K, R> List<R> top(Map<K, Long> unflushed, Function<Integer, List<R>> storedTop,
                                      Function<R, K> key, ToLongFunction<R> amount,
                                      Function<Set<K>, Map<K, Long>> storedExact, int limit,
                                      BiFunction<K, Long, R> make, Comparator<R> order) {
        Map<K, Long> combined = new HashMap<>();
        for (R r : storedTop.apply(limit + unflushed.size())) {
            combined.put(key.apply(r), amount.applyAsLong(r));
        }
        if (!unflushed.isEmpty()) {
            Map<K, Long> stored = storedExact.apply(unflushed.keySet());
            unflushed.forEach((k, n) -> combined.put(k, Saturating.add(stored.getOrDefault(k, 0L), n)));
        }
        return combined.entrySet().stream()
                .map(e -> make.apply(e.getKey(), e.getValue()))
                .sorted(order)
                .limit(limit)
                .toList();
    }

    static void requireRange(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
    }

    private static void requireAtMostAYear(String what, LocalDate from, LocalDate to) {
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_RANGE_DAYS) {
            throw new IllegalArgumentException(what + " range must span at most " + MAX_RANGE_DAYS + " days, got "
                    + from + " to " + to);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
    }
}
