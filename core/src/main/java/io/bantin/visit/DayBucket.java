package io.bantin.visit;

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

    DayBucket(long epochDay) {
        this.epochDay = epochDay;
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
        return true;
    }
}
