package io.bantin.visit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.bantin.visit.spi.VisitInterval;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Who is visiting: the remembered visitors (a weighted, expiring cache bounded by the cap), the
 * visitors restored from the saved window until a hit adopts them, the online ring and the
 * per-network budget of new visitors. Decides for each hit whether it starts a visit and whether its
 * article counts.
 *
 * <p>One kind of lock: each visitor's own monitor, which serialises the hits of one visitor and its
 * eviction. A known visitor is updated under it after a plain cache read, much cheaper than a cache
 * compute; a new one is fully built (and put in the online ring) before it is published with
 * putIfAbsent, so a racing hit or an immediate eviction always sees a consistent entry.
 */
final class VisitorTracker {

    /** {@link #track} flag: the hit started a visit. */
    static final int NEW_VISIT = 1;
    /** {@link #track} flag: the hit's article counted as viewed. */
    static final int ARTICLE_COUNTED = 2;
    /** {@link #track} result: the hit would have created a visitor beyond its network's budget; nothing was tracked. */
    static final int OVER_BUDGET = 4;

    /**
     * Added to how long the cache keeps a visitor: Caffeine leaves an entry's expiry where it is when
     * a read would move it by at most a second (its expiry tolerance), so a hit less than a second
     * after the previous one may not extend it, and the visitor would be forgotten up to a second
     * early, their next hit starting a visit before the timeout. Whether a hit starts a visit is
     * decided from the last hit itself, so keeping an entry a little longer changes nothing else.
     * Twice the tolerance, so that no rounding at its edge matters.
     */
    private static final long EXPIRY_SLACK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final long timeoutMillis;
    /** How long a visitor is remembered after their latest hit. */
    private final long memoryMillis;
    private final int cap;
    private final Cache<Long, Visitor> visitors;
    /**
     * Visitors restored from the saved window that no hit has touched since: a plain map, filled at
     * startup in a few milliseconds, where putting tens of thousands of entries into the cache (its
     * policy, weigher and expiry) took half a second while the server started. A hit adopts its
     * visitor into {@link #visitors} atomically ({@link #adopt}); flushes drop the expired rest.
     * The online ring counts them from the start.
     */
    private final ConcurrentHashMap<Long, Visitor> restored = new ConcurrentHashMap<>();
    /** Whether {@link #restored} may still hold visitors; false for good once it is empty. */
    private volatile boolean restoring;
    private final OnlineRing online;
    /** The per-network budget of new visitors, or null when there is none. */
    private final VisitorBudget budget;
    private final LongAdder droppedVisitors = new LongAdder();
    /**
     * Visits that ended here (a new visit of the visitor began, they were carried over at midnight,
     * forgotten for the cap or expired) before a flush wrote them as they ended: the next flush
     * sends them. Lock-free; bounded by the cap, beyond which the oldest are dropped.
     */
    private final ConcurrentLinkedQueue<Closed> closed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger closedCount = new AtomicInteger();
    /** A visit whose last hit is before this was written as it ended; set by the flusher after each flush. */
    private volatile long writtenBefore;

    /** A visit that ended on this counter, as the next flush sends it: epoch milliseconds, as in {@link Visitor}. */
    record Closed(long key, long start, long end, long[] articles, String[] values, Visitor.Taken taken,
                  long carriedTo) {
    }

    /**
     * @param expectedVisitors how many visitors the saved window holds, to size the cache up front:
     *     restoring tens of thousands into a growing table rehashes it again and again while the
     *     server starts
     */
    VisitorTracker(Clock clock, long windowMillis, long timeoutMillis, int cap, VisitorBudget budget,
                   int expectedVisitors) {
        this.timeoutMillis = timeoutMillis;
        this.memoryMillis = Math.max(windowMillis, timeoutMillis);
        this.cap = cap;
        this.budget = budget;
        this.online = new OnlineRing(windowMillis);
        this.visitors = Caffeine.newBuilder()
                .initialCapacity((int) Math.min(expectedVisitors + 16L, 1 << 20))
                // Weighted, so the cap bounds bytes rather than entries: a visitor who viewed many
                // articles takes the room of several who viewed none.
                .maximumWeight(cap)
                .weigher((Long key, Visitor v) -> Visitor.weight(v.articles))
                .expireAfter(new RememberSinceLatestHit(TimeUnit.MILLISECONDS.toNanos(memoryMillis) + EXPIRY_SLACK_NANOS))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Maintenance on the recording threads: no hidden pool, and eviction stays prompt.
                .executor(Runnable::run)
                .evictionListener(this::onEviction)
                .build();
    }

    /**
     * Restores the saved visits still remembered at {@code now}: the most recent first, until their
     * weight reaches the cap, as the cache itself would keep. The store holds them, so continuing one
     * claims nothing this counter did not see: all of it is in the union of every counter's hits.
     */
    void restore(List<VisitInterval> window, long now) {
        List<VisitInterval> saved = new ArrayList<>(window);
        saved.sort(Comparator.comparingLong(VisitInterval::end).reversed());
        long weight = 0;
        for (VisitInterval a : saved) {
            long lastHit = a.end();
            if (now - lastHit < memoryMillis && lastHit <= now) {
                int units = 1 + a.articles().size() / Visitor.ARTICLES_PER_WEIGHT;
                if (weight + units > cap) {
                    break;
                }
                weight += units;
                List<Long> ids = a.articles();
                long[] articles = new long[ids.size()];
                for (int i = 0; i < articles.length; i++) {
                    articles[i] = ids.get(i);
                }
                Visitor v = new Visitor(lastHit, a.start(), articles.length == 0 ? null : articles);
                v.values = a.values().isEmpty() ? null : a.values().toArray(String[]::new);
                v.taken = Visitor.Taken.all(articles.length, lastHit);
                if (restored.putIfAbsent(a.key(), v) == null) {
                    online.add(lastHit);
                }
            }
        }
        restoring = !restored.isEmpty();
    }

    /** Whether a visitor is remembered under {@code key} (restored ones only once adopted). */
    boolean knows(long key) {
        return visitors.getIfPresent(key) != null;
    }

    /**
     * Removes and returns the visitor under {@code key}, e.g. one known under yesterday's salt whom a
     * hit after midnight carries over; null when there is none.
     */
    Visitor take(long key, long now) {
        adopt(key, now);
        return visitors.asMap().remove(key);
    }

    /**
     * Moves a restored visitor into the cache, if there is one under this key and it is still
     * remembered. Atomic per key (the cache's computeIfAbsent), so two first hits of one restored
     * visitor cannot both miss it and count two visits. Free once no restored visitor is left.
     */
    void adopt(long key, long now) {
        if (restoring) {
            adoptRestored(key, now);
        }
    }

    private void adoptRestored(long key, long now) {
        visitors.asMap().computeIfAbsent(key, k -> {
            Visitor r = restored.remove(k);
            return r != null && now - r.lastHit < memoryMillis ? r : null;
        });
    }

    /** Forgets restored visitors no longer remembered; ends the adoption checks once none is left. */
    void pruneRestored(long now) {
        if (restoring) {
            restored.values().removeIf(v -> now - v.lastHit >= memoryMillis);
            if (restored.isEmpty()) {
                restoring = false;
            }
        }
    }

    /**
     * Applies a hit to the visitor's entry and returns {@link #NEW_VISIT} and {@link #ARTICLE_COUNTED}
     * flags, or {@link #OVER_BUDGET}.
     *
     * @param migrated the visitor carried over from yesterday's salt, or null
     * @param migratedKey the key of {@code migrated} (under yesterday's salt)
     * @param ip the client's address, for the budget
     * @param dimensions counts a new visit under its dimension values and returns them (called once
     *     per new visit, under the visitor's monitor), or null when no breakdowns are kept
     */
    int track(long key, long now, long dayStart, long articleId, Visitor migrated, long migratedKey, IpAddress ip,
              Supplier<String[]> dimensions) {
        boolean budgetTaken = false;
        long carriedLastHit = Visitor.REMOVED;
        long carriedOnline = Visitor.REMOVED;
        long carriedStart = now;
        long[] carriedArticles = null;
        String[] carriedValues = null;
        Visitor.Taken carriedTaken = null;
        if (migrated != null) {
            synchronized (migrated) {
                if (migrated.lastHit != Visitor.REMOVED) {
                    if (migrated.seenHere()) {
                        carriedLastHit = migrated.lastHit;
                        carriedStart = migrated.visitStart;
                        carriedArticles = migrated.articles;
                        carriedValues = migrated.values;
                        carriedTaken = migrated.taken;
                    }
                    carriedOnline = migrated.onlineAt();
                    migrated.lastHit = Visitor.REMOVED;
                }
            }
            if (carriedLastHit != Visitor.REMOVED && carriedLastHit < dayStart) {
                // Yesterday's visit ended at midnight: it goes to the store under yesterday's key.
                close(migratedKey, carriedStart, carriedLastHit, carriedArticles, carriedValues, carriedTaken, key);
            }
        }
        while (true) {
            Visitor v = visitors.getIfPresent(key);
            if (v == null) {
                if (budget != null && carriedLastHit == Visitor.REMOVED && !budgetTaken) {
                    // Only a visitor not known at all takes from the budget, once per hit (a lost
                    // race below retries without taking again); known visitors count as always.
                    if (!budget.tryTake(ip, now)) {
                        return OVER_BUDGET;
                    }
                    budgetTaken = true;
                }
                boolean newVisit = carriedLastHit == Visitor.REMOVED
                        || now - carriedLastHit >= timeoutMillis || carriedLastHit < dayStart;
                // A carried-over hit applied after this older one stays the visitor's last hit.
                long lastHit = newVisit ? now : Math.max(now, carriedLastHit);
                Visitor created = newVisit ? new Visitor(now, now, null) : new Visitor(lastHit, carriedStart, carriedArticles);
                if (!newVisit) {
                    created.values = carriedValues;
                    created.taken = carriedTaken;
                }
                boolean articleCounted = articleId != 0 && created.markViewed(articleId);
                online.add(lastHit);
                Visitor raced = visitors.asMap().putIfAbsent(key, created);
                if (raced == null) {
                    if (carriedOnline != Visitor.REMOVED) {
                        online.remove(carriedOnline);
                    }
                    if (newVisit && dimensions != null) {
                        // Published before its values: a flush in between sends the visit without
                        // them, and the store's merge prefers the part that has them.
                        synchronized (created) {
                            created.values = dimensions.get();
                        }
                    }
                    return (newVisit ? NEW_VISIT : 0) | (articleCounted ? ARTICLE_COUNTED : 0);
                }
                online.remove(lastHit); // another hit of this visitor won the race: update its entry instead
                v = raced;
            }
            int result;
            boolean reweigh;
            synchronized (v) {
                long last = v.lastHit;
                if (last == Visitor.REMOVED) {
                    continue; // evicted or expired while we looked: start over with a fresh read
                }
                int weight = Visitor.weight(v.articles);
                // Two hits of one visitor can be applied out of clock order (threads a millisecond
                // apart, a clock step back). The later one stays the last hit, in the entry and in the
                // online ring alike, and an older hit applied late never starts a visit: now - last < 0.
                // A visitor known only from other counters starts a visit here: the store's merge
                // joins it with theirs.
                boolean seenHere = v.seenHere();
                boolean newVisit = !seenHere || now - last >= timeoutMillis || last < dayStart;
                long latest = seenHere ? Math.max(last, now) : now;
                long onlineBefore = v.onlineAt();
                if (newVisit) {
                    if (seenHere) {
                        close(key, v.visitStart, last, v.articles, v.values, v.taken, 0);
                    }
                    v.taken = new Visitor.Taken();
                    v.visitStart = now;
                    v.articles = null;
                    v.values = dimensions == null ? null : dimensions.get();
                }
                v.lastHit = latest;
                online.move(onlineBefore, v.onlineAt());
                if (carriedOnline != Visitor.REMOVED) {
                    // A concurrent hit of the same visitor already created today's entry: drop the old one.
                    online.remove(carriedOnline);
                }
                boolean articleCounted = articleId != 0 && v.markViewed(articleId);
                result = (newVisit ? NEW_VISIT : 0) | (articleCounted ? ARTICLE_COUNTED : 0);
                reweigh = Visitor.weight(v.articles) != weight;
            }
            if (reweigh) {
                // Caffeine weighs an entry when it is written, so write it again (once per few
                // articles). Outside the monitor: the eviction this may trigger locks other visitors.
                visitors.asMap().replace(key, v, v);
            }
            return result;
        }
    }

    /**
     * Keeps a visit that just ended for the next flush, unless a flush already wrote it as it ended
     * (its last hit is before {@link #writtenBefore}).
     */
    private void close(long key, long start, long end, long[] articles, String[] values, Visitor.Taken taken,
                       long carriedTo) {
        if (end < writtenBefore && carriedTo == 0) {
            return;
        }
        closed.add(new Closed(key, start, end, articles, values, taken, carriedTo));
        if (closedCount.incrementAndGet() > cap && closed.poll() != null) {
            // The store has been unreachable for long: the oldest visit is lost, as the cap would lose it.
            closedCount.decrementAndGet();
        }
    }

    /** Takes the visits that ended since the last call, for a flush (which keeps them until written). */
    List<Closed> takeClosed() {
        // Expired visitors leave the cache only with its maintenance, and a scan of the cache skips
        // them: without this, one that expired since the last flush would leave after the next one
        // and never be written as it ended.
        visitors.cleanUp();
        List<Closed> taken = new ArrayList<>();
        Closed c;
        while ((c = closed.poll()) != null) {
            closedCount.decrementAndGet();
            taken.add(c);
        }
        return taken;
    }

    /** Called after a flush committed: visits whose last hit is before {@code from} are in the store as they end. */
    void writtenBefore(long from) {
        writtenBefore = from;
    }

    /**
     * Learns the latest hits other counters saw (by visitor key, epoch milliseconds), so that each
     * visitor counts online once, at their latest hit on any counter. A visitor this counter has not
     * seen is remembered as online only: no visit of theirs starts here until a hit does.
     */
    void learnElsewhere(Map<Long, Long> lastHits, long now) {
        lastHits.forEach((key, end) -> {
            if (now - end >= memoryMillis) {
                return;
            }
            adopt(key, now);
            while (true) {
                Visitor v = visitors.getIfPresent(key);
                if (v == null) {
                    Visitor known = new Visitor(Visitor.NONE, Visitor.NONE, null);
                    known.elsewhere = end;
                    online.add(end);
                    if (visitors.asMap().putIfAbsent(key, known) == null) {
                        return;
                    }
                    online.remove(end);
                    continue;
                }
                long before;
                synchronized (v) {
                    if (v.lastHit == Visitor.REMOVED) {
                        continue;
                    }
                    before = v.onlineAt();
                    v.elsewhere = Math.max(v.elsewhere, end);
                    online.move(before, v.onlineAt());
                }
                if (end > before) {
                    // Written again so that the cache remembers them from this later hit on.
                    visitors.asMap().replace(key, v, v);
                }
                return;
            }
        });
    }

    /** Distinct visitors whose last hit is within the online window of {@code now}. */
    long online(long now) {
        return online.count(now);
    }

    /**
     * Passes to {@code sink} the open visit of each tracked visitor whose last hit is at or after
     * {@code from}, as it is now, and returns how many.
     */
    int changedSince(long from, java.util.function.Consumer<Closed> sink) {
        int[] count = new int[1];
        visitors.asMap().forEach((key, v) -> {
            // Unlocked pre-check, as most visitors did not change: a stale read only delays a visitor
            // to the next flush (lastHit only grows, and 64-bit HotSpot does not tear long fields).
            // A visitor only other counters saw has no visit here (NONE is before any from).
            if (v.lastHit < from) {
                return;
            }
            synchronized (v) {
                if (v.lastHit != Visitor.REMOVED && v.lastHit >= from) {
                    // markViewed replaces the array, never writes into it: sharing it is safe.
                    sink.accept(new Closed(key, v.visitStart, v.lastHit, v.articles, v.values, v.taken, 0));
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    /** Visitors held in memory (approximate): tracked plus restored and not yet adopted. */
    long size() {
        return visitors.estimatedSize() + restored.size();
    }

    /** Visitors forgotten because the cap was reached, since start. */
    long dropped() {
        return droppedVisitors.sum();
    }

    private void onEviction(Long key, Visitor visitor, RemovalCause cause) {
        if (visitor == null) {
            return;
        }
        synchronized (visitor) {
            if (visitor.lastHit == Visitor.REMOVED) {
                return;
            }
            // An expired visitor was remembered at least the online window, so their last hit already
            // left the online count; one dropped for the cap may still be online.
            if (cause == RemovalCause.SIZE) {
                online.remove(visitor.onlineAt());
                droppedVisitors.increment();
            }
            if (visitor.seenHere()) {
                // Not yet written as it ended while the store was unreachable: the next flush does.
                close(key, visitor.visitStart, visitor.lastHit, visitor.articles, visitor.values, visitor.taken, 0);
            }
            visitor.lastHit = Visitor.REMOVED;
        }
    }

    /**
     * Remembers a visitor for {@code memory} after their latest hit. Like expire-after-access, except
     * that a read at an earlier time (an older hit applied late, a clock step back) never brings the
     * expiry forward: with plain expire-after-access such a read would make Caffeine forget a visitor
     * whose later hit is still within the visit timeout.
     */
    private record RememberSinceLatestHit(long memoryNanos) implements Expiry<Long, Visitor> {

        @Override
        public long expireAfterCreate(Long key, Visitor value, long currentTime) {
            return memoryNanos;
        }

        @Override
        public long expireAfterUpdate(Long key, Visitor value, long currentTime, long currentDuration) {
            return Math.max(currentDuration, memoryNanos);
        }

        @Override
        public long expireAfterRead(Long key, Visitor value, long currentTime, long currentDuration) {
            return Math.max(currentDuration, memoryNanos);
        }
    }
}
