package io.bantin.visit;

import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store whose writes fail on demand, as a locked or full database would; counts its reads. */
final class FlakyStore implements VisitStore {

    final InMemoryVisitStore delegate = new InMemoryVisitStore();
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicBoolean failAll = new AtomicBoolean();
    final AtomicInteger applied = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    /** Commits the next this many writes and then fails them, as a connection lost after COMMIT would. */
    final AtomicInteger commitThenFailNext = new AtomicInteger();
    /** Fails the next this many reads of the applied sequence, the step that confirms an unreported flush. */
    final AtomicInteger failConfirmNext = new AtomicInteger();
    /** Salts agreed (proposed to the store). */
    final AtomicInteger agreed = new AtomicInteger();
    /** Writes attempted, failed or not. */
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public void apply(VisitDelta delta) {
        attempts.incrementAndGet();
        if (failAll.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new VisitStoreException("database is locked (injected)");
        }
        delegate.apply(delta);
        applied.incrementAndGet();
        if (commitThenFailNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new VisitStoreException("connection lost after commit (injected)");
        }
    }

    @Override
    public long appliedSequence(long writer) {
        reads.incrementAndGet();
        if (failConfirmNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new VisitStoreException("connection refused while confirming (injected)");
        }
        return delegate.appliedSequence(writer);
    }

    /** Not counted in {@link #reads}: the flush's own bookkeeping, as {@link #apply} is, not a figure read. */
    @Override
    public long appliedByOthers(long writer) {
        return delegate.appliedByOthers(writer);
    }

    /** A write, so it fails as {@link #apply} does while {@link #failAll} is set. */
    @Override
    public VisitorSalt agreeSalt(VisitorSalt proposed) {
        agreed.incrementAndGet();
        if (failAll.get()) {
            throw new VisitStoreException("database is locked (injected)");
        }
        return delegate.agreeSalt(proposed);
    }

    @Override
    public long baseline() {
        reads.incrementAndGet();
        return delegate.baseline();
    }

    @Override
    public long totalVisits() {
        reads.incrementAndGet();
        return delegate.totalVisits();
    }

    @Override
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        reads.incrementAndGet();
        return delegate.daily(from, to);
    }

    @Override
    public Map<Long, Long> articleViews(Collection<Long> articleIds) {
        reads.incrementAndGet();
        return delegate.articleViews(articleIds);
    }

    @Override
    public Map<Long, Long> allArticleViews() {
        reads.incrementAndGet();
        return delegate.allArticleViews();
    }

    @Override
    public Map<Long, Long> articleViews(Collection<Long> articleIds, LocalDate from, LocalDate to) {
        reads.incrementAndGet();
        return delegate.articleViews(articleIds, from, to);
    }

    @Override
    public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        reads.incrementAndGet();
        return delegate.topArticles(from, to, limit);
    }

    @Override
    public Optional<WindowSnapshot> loadWindow() {
        reads.incrementAndGet();
        return delegate.loadWindow();
    }
}
