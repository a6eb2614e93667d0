package io.bantin.visit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Unflushed amounts of one day. Striped counters so that threads recording hits do not contend; a
 * flush subtracts exactly what it wrote, so hits recorded during the write stay for the next one.
 */
final class DayBucket {

    final long epochDay;
    final LongAdder visits = new LongAdder();
    final LongAdder pageViews = new LongAdder();
    final LongAdder bots = new LongAdder();
    /**
     * Hits refused a new visitor by the per-address budget: reported by the counter's metrics, never
     * stored (their page views are in {@link #pageViews}), so not part of {@link #isEmpty()}.
     */
    final LongAdder overBudget = new LongAdder();
    final ConcurrentHashMap<Long, LongAdder> articles = new ConcurrentHashMap<>();
    /** Visits by value, one tally per {@link Dimension}, indexed by ordinal. */
    final ValueTally[] dimensions;

    DayBucket(long epochDay) {
        this.epochDay = epochDay;
        Dimension[] all = Dimension.ALL;
        this.dimensions = new ValueTally[all.length];
        for (int i = 0; i < all.length; i++) {
            dimensions[i] = new ValueTally(Dimension.MAX_VALUES_PER_DAY);
        }
    }

    /** Counts a new visit under its value of every dimension (derived here, once per visit). */
    void countVisitDimensions(Hit hit, long userAgentFingerprint, Set<String> ownHosts) {
        Dimension[] all = Dimension.ALL;
        for (int i = 0; i < all.length; i++) {
            dimensions[i].add(all[i].valueOf(hit, userAgentFingerprint, ownHosts));
        }
    }

    void viewArticle(long articleId) {
        LongAdder adder = articles.get(articleId);
        if (adder == null) {
            adder = articles.computeIfAbsent(articleId, id -> new LongAdder());
        }
        adder.increment();
    }

    long articleViews(long articleId) {
        LongAdder adder = articles.get(articleId);
        return adder == null ? 0 : adder.sum();
    }

    boolean isEmpty() {
        if (visits.sum() != 0 || pageViews.sum() != 0 || bots.sum() != 0) {
            return false;
        }
        for (LongAdder adder : articles.values()) {
            if (adder.sum() != 0) {
                return false;
            }
        }
        for (ValueTally tally : dimensions) {
            if (!tally.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
