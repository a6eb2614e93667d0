package io.bantin.server;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.CounterMetrics;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The visit counter while it is still being opened: restoring a busy site's saved window (tens of
 * thousands of visitors) takes as long as starting the web stack, so the server does both at once
 * and wires its routes to this stand-in. A call made before the counter is ready waits for it (only
 * requests that arrive during startup can); afterwards every call goes straight through. Thread-safe.
 */
final class StartingCounter implements VisitCounter {
    private final CompletableFuture<VisitCounter> opening;

    StartingCounter(CompletableFuture<VisitCounter> opening) {
        this.opening = Objects.requireNonNull(opening, "opening");
    }

    /** The counter, waiting for it if it is still opening. */
    VisitCounter counter() {
        try {
            return opening.join(); // once opened, one volatile read
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    /** Whether the counter opened (so there is something to close). */
    boolean opened() {
        return opening.isDone() && !opening.isCompletedExceptionally();
    }

    @Override
    public HitOutcome record(Hit hit) {
        return counter().record(hit);
    }

    @Override
    public VisitStats stats() {
        return counter().stats();
    }

    @Override
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return counter().daily(from, to);
    }

    @Override
    public long views(long articleId) {
        return counter().views(articleId);
    }

    @Override
    public Map<Long, Long> views(Collection<Long> articleIds) {
        return counter().views(articleIds);
    }

    @Override
    public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        return counter().topArticles(from, to, limit);
    }

    @Override
    public List<DimensionCount> breakdown(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        return counter().breakdown(dimension, from, to, limit);
    }

    @Override
    public void setBaseline(long total) {
        counter().setBaseline(total);
    }

    @Override
    public long baseline() {
        return counter().baseline();
    }

    @Override
    public ZoneId zone() {
        return counter().zone();
    }

    @Override
    public CounterMetrics metrics() {
        return counter().metrics();
    }

    @Override
    public void flush() {
        counter().flush();
    }

    @Override
    public void close() {
        counter().close();
    }
}
