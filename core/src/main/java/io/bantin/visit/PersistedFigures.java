package io.bantin.visit;

import io.bantin.visit.spi.VisitStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * The persisted mirror and the readers that answer from memory: what the store holds (read once at
 * startup, then advanced by exactly what each successful flush wrote, or reloaded when another
 * process wrote) plus the unflushed {@link DayBuckets}, as {@link VisitCounter#stats()} and
 * {@link VisitCounter#views} show them.
 *
 * <p>One kind of lock: a {@link StampedLock} over the mirror (and over the set of buckets, against
 * pruning). A flush moves amounts from the buckets to the mirror under its write lock, so readers
 * never see a delta twice or not at all. {@link #stats} runs on every article page, so it neither
 * walks the days of the week and month nor takes a lock in the common case: the mirror's part of
 * the figures is kept in an immutable {@link PersistedSums} for the current day, dropped under the
 * write lock whenever the mirror changes, and the few unflushed buckets are added to it inside an
 * optimistic read that is retried under the read lock if a writer got in between. Not reentrant:
 * never taken while held.
 */
final class PersistedFigures {

    /** Days of persisted history mirrored in memory: enough for this month and this week. */
    static final int MIRROR_DAYS = 62;

    private final DayBuckets buckets;
    private final DayOfWeek firstDayOfWeek;
    private final StampedLock lock = new StampedLock();
    /** {visits, page views, bots} by epoch day. */
    private final Map<Long, long[]> days = new HashMap<>();
    private long totalVisits;
    /**
     * All-time views per article as the store holds them: loaded whole at startup, then advanced by
     * what each flush wrote, so {@link #views} never reads the store (nor waits behind a flush).
     * About 100 bytes per article ever viewed (10 MB for 100,000 articles).
     */
    private final Map<Long, Long> articleViews;
    /**
     * The mirror's share of {@link #stats} for one day, or null after the mirror changed. Set to null
     * only under the write lock and built only under the read lock, so a value seen inside a valid
     * optimistic read, or under the read lock, always matches the mirror.
     */
    private volatile PersistedSums sums;

    PersistedFigures(DayBuckets buckets, DayOfWeek firstDayOfWeek, Map<Long, long[]> storedDays, long totalVisits,
                     Map<Long, Long> articleViews) {
        this.buckets = buckets;
        this.firstDayOfWeek = firstDayOfWeek;
        this.days.putAll(storedDays);
        this.totalVisits = totalVisits;
        this.articleViews = new HashMap<>(articleViews);
    }

    /** The stored days the mirror holds, by epoch day: {visits, page views, bots}. */
    static Map<Long, long[]> storedDays(VisitStore store, LocalDate today) {
        Map<Long, long[]> days = new HashMap<>();
        for (DailyCount d : store.daily(today.minusDays(MIRROR_DAYS), today.plusDays(1))) {
            days.put(d.date().toEpochDay(), new long[] {d.visits(), d.pageViews(), d.bots()});
        }
        return days;
    }

    /**
     * The figures of the statistics box for the day of {@code s}.
     *
     * @param baseline read inside the same optimistic read, so that a reload that changes it with
     *     the mirror is seen with it or not at all
     */
    VisitStats stats(DaySalts.DayState s, long now, long onlineNow, Baseline baseline) {
        long today = s.epochDay;
        // Optimistic first: reads nothing but volatile fields and counters, and writes nothing shared.
        // If a flush moved amounts from the buckets to the mirror meanwhile, validate fails and the
        // second pass runs under the read lock, which waits only for that in-memory move, never for
        // the store: flushes write to the store before they take the write lock.
        long stamp = lock.tryOptimisticRead();
        boolean locked = false;
        try {
            while (true) {
                PersistedSums p = sums;
                if (p == null || p.epochDay != today) {
                    if (!locked) {
                        stamp = lock.readLock();
                        locked = true;
                    }
                    p = sumPersisted(s);
                }
                // Today's counter is read once and added to every figure, so a hit recorded meanwhile
                // is in all of them or in none.
                // Sums saturate: a count past Long.MAX_VALUE (only a store edited by hand holds one)
                // shows as the largest figure rather than a negative one that fails every page.
                long live = s.bucket.visits.sum();
                long yesterday = p.yesterday;
                long week = Saturating.add(p.week, live);
                long month = Saturating.add(p.month, live);
                long total = Saturating.add(p.total, live);
                for (DayBucket b : p.otherBuckets) {
                    long v = b.visits.sum();
                    total = Saturating.add(total, v);
                    // A bucket after today exists only while another thread is moving to the next day.
                    if (b.epochDay < today) {
                        week = Saturating.add(week, b.epochDay >= p.weekStart ? v : 0);
                        month = Saturating.add(month, b.epochDay >= p.monthStart ? v : 0);
                        yesterday = Saturating.add(yesterday, b.epochDay == today - 1 ? v : 0);
                    }
                }
                long pageViews = Saturating.add(p.pageViews, s.bucket.pageViews.sum());
                long bots = Saturating.add(p.bots, s.bucket.bots.sum());
                long base = baseline.get();
                if (locked || lock.validate(stamp)) {
                    return new VisitStats(onlineNow, Saturating.add(p.today, live), yesterday, week, month,
                            Saturating.add(base, total), pageViews, bots, Instant.ofEpochMilli(now));
                }
                stamp = lock.readLock();
                locked = true;
            }
        } finally {
            if (locked) {
                lock.unlockRead(stamp);
            }
        }
    }

    /**
     * The mirror's part of the figures for one day, and the buckets of other days that existed when it
     * was built; today's bucket is taken from the {@link DaySalts.DayState}. Buckets are only created
     * for a new current day and only removed under the write lock, so for its day the list stays
     * complete until the sums are dropped. Immutable.
     */
    private record PersistedSums(long epochDay, long weekStart, long monthStart, long today, long yesterday,
                                 long week, long month, long total, long pageViews, long bots,
                                 DayBucket[] otherBuckets) {
    }

    /**
     * Sums the mirror for the day of {@code s} and remembers the result; the caller holds the read
     * lock, so no writer can drop the sums between building and publishing them.
     */
    private PersistedSums sumPersisted(DaySalts.DayState s) {
        long today = s.epochDay;
        long weekStart = s.date.with(TemporalAdjusters.previousOrSame(firstDayOfWeek)).toEpochDay();
        long monthStart = s.date.withDayOfMonth(1).toEpochDay();
        long week = 0;
        long month = 0;
        for (long d = Math.min(weekStart, monthStart); d <= today; d++) {
            long v = persisted(d, 0);
            week = Saturating.add(week, d >= weekStart ? v : 0);
            month = Saturating.add(month, d >= monthStart ? v : 0);
        }
        DayBucket[] others = buckets.all().stream().filter(b -> b.epochDay != today).toArray(DayBucket[]::new);
        PersistedSums result = new PersistedSums(today, weekStart, monthStart, persisted(today, 0),
                persisted(today - 1, 0), week, month, totalVisits, persisted(today, 1), persisted(today, 2), others);
        PersistedSums current = sums;
        // A reader still on the previous day (just past midnight) must not evict the new day's sums.
        if (current == null || current.epochDay <= today) {
            sums = result;
        }
        return result;
    }

    private long persisted(long epochDay, int field) {
        long[] row = days.get(epochDay);
        return row == null ? 0 : row[field];
    }

    /** All-time views of each id (validated by the caller), flushed and not. */
    Map<Long, Long> views(List<Long> ids) {
        long stamp = lock.readLock();
        try {
            Map<Long, Long> views = new LinkedHashMap<>();
            for (Long id : ids) {
                views.put(id, Saturating.add(articleViews.getOrDefault(id, 0L), buckets.unflushedViews(id)));
            }
            return views;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Moves what the store just committed from the unflushed buckets into the mirror. */
    void applied(List<DayBuckets.Taken> taken) {
        long stamp = lock.writeLock();
        try {
            for (DayBuckets.Taken t : taken) {
                t.subtract();
                long[] row = days.computeIfAbsent(t.bucket().epochDay, k -> new long[3]);
                row[0] += t.visits();
                row[1] += t.pageViews();
                row[2] += t.bots();
                totalVisits += t.visits();
                t.articles().forEach((id, n) -> articleViews.merge(id, n, Long::sum));
            }
            sums = null;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * The stored views of one article as the mirror holds them. Unlocked: only for the flusher, the
     * mirror's only writer, comparing a reload with what it wrote.
     */
    Long storedViews(long articleId) {
        return articleViews.get(articleId);
    }

    /**
     * Replaces the mirror with what the store holds now (another process wrote), running
     * {@code alsoUnderLock} (the baseline's reload) in the same write, so a reader sees all or none.
     */
    void reload(Map<Long, long[]> storedDays, long total, Map<Long, Long> movedArticles, Runnable alsoUnderLock) {
        long stamp = lock.writeLock();
        try {
            days.clear();
            days.putAll(storedDays);
            totalVisits = total;
            articleViews.putAll(movedArticles);
            alsoUnderLock.run();
            sums = null;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Forgets mirrored days older than this month and week can need, once a day. */
    void pruneBefore(LocalDate today) {
        long oldest = today.minusDays(MIRROR_DAYS).toEpochDay();
        long stamp = lock.writeLock();
        try {
            if (days.keySet().removeIf(d -> d < oldest)) {
                // Far outside any week or month, but every change to the mirror drops the sums.
                sums = null;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Drops buckets of days before {@code keepFrom} once fully flushed. The caller keeps today's and
     * yesterday's: a thread that fetched one just before midnight may still add to it.
     */
    void pruneBuckets(long keepFrom) {
        long stamp = lock.writeLock();
        try {
            if (buckets.removeEmptyBefore(keepFrom)) {
                // The dropped buckets are empty, but the cached sums still list them.
                sums = null;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The unflushed counts by day, for the one log line of a close that could not save them. */
    String unsaved() {
        StringBuilder lost = new StringBuilder();
        long stamp = lock.readLock();
        try {
            buckets.all().stream().sorted(Comparator.comparingLong(b -> b.epochDay)).forEach(b -> {
                long views = 0;
                for (var adder : b.articles.values()) {
                    views += adder.sum();
                }
                if (!b.isEmpty()) {
                    lost.append(String.format(" %s: %d visits, %d page views, %d bots, %d article views in %d articles;",
                            LocalDate.ofEpochDay(b.epochDay), b.visits.sum(), b.pageViews.sum(), b.bots.sum(),
                            views, b.articles.values().stream().filter(a -> a.sum() > 0).count()));
                }
            });
        } finally {
            lock.unlockRead(stamp);
        }
        return lost.toString();
    }
}
