package io.bantin.servlet;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.CounterMetrics;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A real counter whose {@link #record} fails, as one whose store or memory broke would. */
final class BrokenCounter implements VisitCounter {
    private final VisitCounter real;
    final AtomicInteger attempts = new AtomicInteger();

    BrokenCounter(VisitCounter real) {
        this.real = real;
    }

    @Override
    public HitOutcome record(Hit hit) {
        attempts.incrementAndGet();
        throw new IllegalStateException("counter broken\nsecond line");
    }

    @Override
    public VisitStats stats() {
        return real.stats();
    }

    @Override
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return real.daily(from, to);
    }

    @Override
    public long views(long articleId) {
        return real.views(articleId);
    }

    @Override
    public Map<Long, Long> views(Collection<Long> articleIds) {
        return real.views(articleIds);
    }

    @Override
    public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        return real.topArticles(from, to, limit);
    }

    @Override
    public void setBaseline(long total) {
        real.setBaseline(total);
    }

    @Override
    public long baseline() {
        return real.baseline();
    }

    @Override
    public ZoneId zone() {
        return real.zone();
    }

    @Override
    public CounterMetrics metrics() {
        return real.metrics();
    }

    @Override
    public void flush() {
        real.flush();
    }

    @Override
    public void close() {
        real.close();
    }
}
