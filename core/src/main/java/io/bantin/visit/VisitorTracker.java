package io.bantin.visit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.VisitDelta;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
     * Restores the saved visitors still remembered at {@code now}: the most recent first, until their
     * weight reaches the cap, as the cache itself would keep.
     */
    void restore(List<ActiveVisitor> window, long now) {
        List<ActiveVisitor> saved = new ArrayList<>(window);
        saved.sort(Comparator.comparing(ActiveVisitor::lastHit).reversed());
        long weight = 0;
        for (ActiveVisitor a : saved) {
            long lastHit = a.lastHit().toEpochMilli();
            if (now - lastHit < memoryMillis && lastHit <= now) {
                int units = 1 + a.viewedArticles().size() / Visitor.ARTICLES_PER_WEIGHT;
                if (weight + units > cap) {
                    break;
                }
                weight += units;
                List<Long> ids = a.viewedArticles();
                long[] articles = new long[ids.size()];
                for (int i = 0; i < articles.length; i++) {
                    articles[i] = ids.get(i);
                }
                Visitor v = new Visitor(lastHit, a.visitStart().toEpochMilli(), articles.length == 0 ? null : articles);
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
     * @param ip the client's address, for the budget
     */
    int track(long key, long now, long dayStart, long articleId, Visitor migrated, IpAddress ip) {
        boolean budgetTaken = false;
        long carriedLastHit = Visitor.REMOVED;
        long carriedStart = now;
        long[] carriedArticles = null;
        if (migrated != null) {
            synchronized (migrated) {
                if (migrated.lastHit != Visitor.REMOVED) {
                    carriedLastHit = migrated.lastHit;
                    carriedStart = migrated.visitStart;
                    carriedArticles = migrated.articles;
                    migrated.lastHit = Visitor.REMOVED;
                }
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
                boolean articleCounted = articleId != 0 && created.markViewed(articleId);
                online.add(lastHit);
                Visitor raced = visitors.asMap().putIfAbsent(key, created);
                if (raced == null) {
                    if (carriedLastHit != Visitor.REMOVED) {
                        online.remove(carriedLastHit);
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
                boolean newVisit = now - last >= timeoutMillis || last < dayStart;
                long latest = Math.max(last, now);
                online.move(last, latest);
                if (newVisit) {
                    v.visitStart = now;
                    v.articles = null;
                }
                v.lastHit = latest;
                if (carriedLastHit != Visitor.REMOVED) {
                    // A concurrent hit of the same visitor already created today's entry: drop the old one.
                    online.remove(carriedLastHit);
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

    /** Distinct visitors whose last hit is within the online window of {@code now}. */
    long online(long now) {
        return online.count(now);
    }

    /**
     * Adds to {@code delta} the tracked visitors whose last hit is at or after {@code from}, as they
     * are now, and returns how many. A flush can carry every active visitor; kept as columns of
     * primitives (records are made as the store reads them), they cost a few arrays instead of
     * several objects each, which would otherwise outlive young collections during the flush and be
     * promoted.
     */
    int changedSince(long from, VisitDelta.Builder delta) {
        int[] count = new int[1];
        visitors.asMap().forEach((key, v) -> {
            // Unlocked pre-check, as most visitors did not change: a stale read only delays a visitor
            // to the next flush (lastHit only grows, and 64-bit HotSpot does not tear long fields).
            if (v.lastHit < from) {
                return;
            }
            synchronized (v) {
                if (v.lastHit != Visitor.REMOVED && v.lastHit >= from) {
                    // markViewed replaces the array, never writes into it: sharing it is safe.
                    delta.visitor(key, v.lastHit, v.visitStart, v.articles);
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
                online.remove(visitor.lastHit);
                droppedVisitors.increment();
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
