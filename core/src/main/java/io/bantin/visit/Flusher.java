package io.bantin.visit;

import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what was counted to the store: builds each {@link VisitDelta} from the buckets, the baseline,
 * the live salts and the visitors that changed; applies it with the writer's sequence number and,
 * only once the store committed, moves it into the mirror; confirms with the store a flush whose
 * outcome is unknown; backs off after failures; reloads the mirror when another process sharing the
 * store wrote; and agrees tomorrow's salt. Runs on a schedule, on {@link VisitCounter#flush()} and at
 * close.
 *
 * <p>One kind of lock: {@link #ioLock}, which serialises all store access — flushes, and the
 * readers that combine the store with memory ({@link #withStore}); recording never takes it.
 */
final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(VisitCounter.class);

    private static final long MAX_BACKOFF_MILLIS = Duration.ofMinutes(5).toMillis();
    /** The final flush at close: this many attempts, waiting 100, 200, 400, ... ms in between. */
    private static final int CLOSE_ATTEMPTS = 5;
    private static final Duration CLOSE_FIRST_BACKOFF = Duration.ofMillis(100);
    /**
     * A hit is stamped before its visitor is updated; a thread that stalls in between must still have
     * its visitor written by the following flush, so each flush rewrites this much of the past.
     */
    private static final long WINDOW_SCAN_MARGIN_MILLIS = 5_000;
    private static final long FORGET_EVERY_MILLIS = 60_000;
    /** At most one warning a minute when agreeing salts or reading others' counts keeps failing. */
    private static final long SHARE_WARNING_EVERY_MILLIS = 60_000;

    private final Clock clock;
    private final CounterSettings settings;
    private final long memoryMillis;
    private final VisitStore store;
    private final DayBuckets buckets;
    private final PersistedFigures mirror;
    private final Baseline baseline;
    private final VisitorTracker visitors;
    private final DaySalts days;

    /** Serialises store access: flushes, and reads that combine the store with memory. */
    private final ReentrantLock ioLock = new ReentrantLock();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong failedFlushes = new AtomicLong();
    private volatile long failureStreak;
    private volatile long retryNotBefore;
    private volatile long lastFlushNanos;
    private volatile Instant lastSuccessfulFlush;

    /** This counter instance's id in the store's flush sequence (random, never 0). */
    private final long writer;
    /** Visitors whose last hit is at or after this are written with the next flush (under ioLock). */
    private long windowScanFrom;
    /** When the last flush deleted expired visitors from the store (under ioLock). */
    private long lastForget = Long.MIN_VALUE / 2;
    /** When the last warning about agreeing salts or reloading others' counts was logged (under ioLock). */
    private long lastShareWarning = Long.MIN_VALUE / 2;
    /**
     * The store's {@link VisitStore#appliedByOthers} when the mirror was last loaded (under ioLock):
     * when it moves, another process sharing the store wrote, and the mirror is loaded again.
     */
    private long othersApplied;
    /** The sequence number of the last flush sent to the store (under ioLock). */
    private long lastSequence;
    /** A flush whose apply threw: the store may still have committed it (under ioLock). */
    private Batch unconfirmed;
    /** The salts the store holds, by identity (under ioLock). */
    private DaySalts.Salt persistedSalt;
    private DaySalts.Salt persistedPreviousSalt;

    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /**
     * @param othersApplied the store's {@link VisitStore#appliedByOthers} read before the mirror was loaded
     * @param now when the counter started
     */
    Flusher(CounterSettings settings, long memoryMillis, long writer, long othersApplied, long now, DayBuckets buckets,
            PersistedFigures mirror, Baseline baseline, VisitorTracker visitors, DaySalts days) {
        this.clock = settings.clock();
        this.settings = settings;
        this.memoryMillis = memoryMillis;
        this.store = settings.store();
        this.writer = writer;
        this.othersApplied = othersApplied;
        this.buckets = buckets;
        this.mirror = mirror;
        this.baseline = baseline;
        this.visitors = visitors;
        this.days = days;
        this.windowScanFrom = now - WINDOW_SCAN_MARGIN_MILLIS;
    }

    /** Remembers that the store already holds the live salts, so the first flush need not write them. */
    void saltsArePersisted() {
        DaySalts.Salt[] live = days.live();
        persistedSalt = live[0];
        persistedPreviousSalt = live[1];
    }

    /** Starts the background flushes, unless the interval is zero. */
    void start() {
        if (settings.flushInterval().isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bantin-visit-flusher");
            t.setDaemon(true);
            return t;
        });
        long period = settings.flushInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::backgroundFlush, period, period, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code read} while no flush runs, for readers that combine the store with the buckets. */
    <T> T withStore(Supplier<T> read) {
        ioLock.lock();
        try {
            return read.get();
        } finally {
            ioLock.unlock();
        }
    }

    /** Writes everything unflushed now. */
    void flush() {
        visitors.pruneRestored(clock.millis());
        ioLock.lock();
        try {
            flushLocked();
        } finally {
            ioLock.unlock();
        }
    }

    /**
     * One tick of the schedule: flushes unless closed or still backing off after failures (the wait
     * doubles with each failure in a row, from the flush interval up to five minutes). Never throws.
     */
    void backgroundFlush() {
        if (closed || clock.millis() < retryNotBefore) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            // Already counted and logged once per failure streak by flushLocked.
        }
    }

    /** One flush sent to the store, with what to do in memory once it is known to be committed. */
    private record Batch(VisitDelta delta, List<DayBuckets.Taken> taken, long baselineVersion, long cut,
                         boolean forget, DaySalts.Salt salt, DaySalts.Salt previousSalt) {
    }

    private void flushLocked() {
        if (unconfirmed != null) {
            // The last apply threw, but a connection lost after COMMIT throws too: ask the store. If it
            // committed, move that batch to the mirror now; if not, its amounts are still in the
            // buckets and the batch below carries them again under a new number.
            long applied;
            try {
                applied = store.appliedSequence(writer);
            } catch (RuntimeException e) {
                onFailure(e);
                throw e instanceof VisitStoreException vse ? vse
                        : new VisitStoreException("the visit store failed to confirm a flush", e);
            }
            Batch b = unconfirmed;
            unconfirmed = null;
            if (applied >= b.delta().sequence()) {
                succeeded(b, 0);
            }
        }
        DayBuckets.Snapshot amounts = buckets.snapshot();
        Baseline.Pending pendingBaseline = baseline.pending();
        // Visitors are read after the counts: a hit whose counts were taken is then always in its
        // visitor's state too (the visitor is updated before the counts), never the other way round.
        long cut = clock.millis();
        DaySalts.Salt[] live = days.live();
        DaySalts.Salt salt = live[0];
        DaySalts.Salt previousSalt = live[1];
        List<VisitorSalt> salts = salt != persistedSalt || previousSalt != persistedPreviousSalt
                ? DaySalts.stored(salt, previousSalt) : List.of();
        // Every visitor change comes with counts (a hit is always a page view), so without counts
        // there is nothing new in the window either; the margin's rewrites wait for the next hit.
        boolean anything = amounts.hasAmounts() || pendingBaseline.value().isPresent() || !salts.isEmpty();
        if (anything) {
            VisitDelta.Builder builder = VisitDelta.builder().days(amounts.days()).articleDays(amounts.articleDays())
                    .dimensionDays(amounts.dimensionDays()).salts(salts);
            pendingBaseline.value().ifPresent(builder::baseline);
            visitors.changedSince(windowScanFrom, builder);
            // Deleting expired visitors scans the stored window: once a minute is plenty.
            boolean forget = cut - lastForget >= FORGET_EVERY_MILLIS;
            Instant forgetBefore = forget ? Instant.ofEpochMilli(cut - memoryMillis) : Instant.EPOCH;
            VisitDelta delta = builder.forgetVisitorsBefore(forgetBefore).sequence(writer, ++lastSequence).build();
            Batch batch = new Batch(delta, amounts.taken(), pendingBaseline.version(), cut, forget, salt, previousSalt);
            long started = System.nanoTime();
            try {
                store.apply(delta);
            } catch (RuntimeException e) {
                unconfirmed = batch;
                onFailure(e);
                throw e instanceof VisitStoreException vse ? vse
                        : new VisitStoreException("the visit store failed to apply a flush", e);
            }
            succeeded(batch, System.nanoTime() - started);
        }
        // Today's and yesterday's buckets are kept: a thread that fetched one just before midnight
        // may still add to it.
        mirror.pruneBuckets(days.current().epochDay - 1);
        // After the flush committed: a failure here is not a failed flush (nothing is retried, nothing
        // is counted twice); both run again at the next flush.
        try {
            if (!closed) {
                // Not at the final flush: tomorrow's salt would be destroyed at once.
                days.agreeNextSalt(clock.millis());
            }
            reloadIfOthersWrote();
        } catch (RuntimeException e) {
            long now = clock.millis();
            if (now - lastShareWarning >= SHARE_WARNING_EVERY_MILLIS) {
                lastShareWarning = now;
                LOG.warn("Visit counter could not agree tomorrow's salt or read the other processes' counts; "
                        + "the flush itself was written, and this is tried again at the next one", e);
            }
        }
    }

    /**
     * Loads the persisted mirror from the store again if another counter sharing it (another process
     * on the same database) flushed since the mirror was last loaded. {@link VisitCounter#stats} and
     * {@link VisitCounter#views} answer from the mirror, so without this each process would show what
     * the store held when it started plus only what it counted itself. Runs after this counter's own
     * flush committed, so the store holds exactly what the mirror should; never while a flush of its
     * own is unconfirmed, whose amounts may be both in the store and still in the buckets.
     */
    private void reloadIfOthersWrote() {
        if (unconfirmed != null || closed) {
            return;
        }
        try {
            long others = store.appliedByOthers(writer);
            if (others == othersApplied) {
                return;
            }
            LocalDate today = days.current().date;
            long storedBaseline = store.baseline();
            long total = store.totalVisits();
            Map<Long, long[]> stored = PersistedFigures.storedDays(store, today);
            // Only the flusher changes the mirror's article views: reading them unlocked is safe, and
            // only the articles whose views moved are put, under the write lock.
            Map<Long, Long> moved = new HashMap<>();
            store.allArticleViews().forEach((id, n) -> {
                if (!n.equals(mirror.storedViews(id))) {
                    moved.put(id, n);
                }
            });
            // A baseline set here and not yet written wins over the stored one.
            mirror.reload(stored, total, moved, () -> baseline.reloaded(storedBaseline));
            othersApplied = others;
        } catch (VisitStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VisitStoreException("the visit store failed to load the other processes' counts", e);
        }
    }

    /** Moves a committed batch into the persisted mirror and resets the failure streak. */
    private void succeeded(Batch batch, long nanos) {
        lastFlushNanos = nanos;
        mirror.applied(batch.taken());
        baseline.persisted(batch.baselineVersion());
        windowScanFrom = batch.cut() - WINDOW_SCAN_MARGIN_MILLIS;
        if (batch.forget()) {
            lastForget = batch.cut();
        }
        persistedSalt = batch.salt();
        persistedPreviousSalt = batch.previousSalt();
        flushes.incrementAndGet();
        lastSuccessfulFlush = clock.instant();
        if (failureStreak > 0) {
            LOG.info("Visit counter flushes succeed again after {} failed attempts; nothing was lost", failureStreak);
        }
        failureStreak = 0;
        retryNotBefore = 0;
    }

    private void onFailure(RuntimeException e) {
        failedFlushes.incrementAndGet();
        long streak = ++failureStreak;
        long interval = Math.max(settings.flushInterval().toMillis(), 100);
        long backoff = Math.min(MAX_BACKOFF_MILLIS, interval << Math.min(20, streak - 1));
        retryNotBefore = clock.millis() + backoff;
        if (streak == 1) {
            LOG.warn("Visit counter flush failed; the counts stay in memory and are retried with backoff "
                    + "(logged once until a flush succeeds)", e);
        }
    }

    /**
     * Stops the schedule and flushes (also the visitors changed since the last flush and the live
     * salts), retrying a failure {@link #CLOSE_ATTEMPTS} times in all with doubling waits, since what
     * is not written now is lost. Returns the last failure, or null once a flush succeeded.
     */
    RuntimeException close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Duration backoff = CLOSE_FIRST_BACKOFF;
        RuntimeException failure = null;
        int attempts = 0;
        for (int attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt++) {
            attempts = attempt;
            try {
                flush();
                return null;
            } catch (RuntimeException e) {
                failure = e;
            }
            if (attempt == CLOSE_ATTEMPTS) {
                break;
            }
            try {
                settings.sleeper().sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = backoff.multipliedBy(2);
        }
        // Once, at ERROR, what a failed close could not save (counts only: nothing personal).
        String lost = mirror.unsaved();
        LOG.error("Visit counter closed without saving its last counts after {} attempts; lost:{}",
                attempts, lost.isEmpty() ? " only the active-visitor window" : lost, failure);
        return failure;
    }

    /** Successful flushes that wrote something. */
    long flushes() {
        return flushes.get();
    }

    long failedFlushes() {
        return failedFlushes.get();
    }

    long failureStreak() {
        return failureStreak;
    }

    Duration lastFlushDuration() {
        return Duration.ofNanos(lastFlushNanos);
    }

    Instant lastSuccessfulFlush() {
        return lastSuccessfulFlush;
    }
}
