package io.bantin.visit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VisitCounter} engine.
 *
 * <p>Hot path ({@link #record}): one clock read, a fingerprint of the User-Agent (which also keys the
 * bot verdict cache), a SipHash of (IP, fingerprint) under the day's salt, one cache read and the
 * visitor's own monitor, and striped counter increments. No lock is shared by all hits.
 *
 * <p>Figures are the persisted mirror (what the store holds, read once at startup and then advanced
 * by exactly what each successful flush wrote) plus the unflushed {@link DayBucket}s. A flush writes
 * a snapshot of the buckets and, only after the store committed, subtracts that snapshot from the
 * buckets and adds it to the mirror under {@code mirrorLock}, so readers never see a delta twice or
 * not at all, and a failed write leaves everything in memory for the next attempt. The same
 * transaction carries the visitors seen since the previous flush and the live salts.
 *
 * <p>{@link #stats} runs on every article page, so it neither walks the days of the week and month
 * nor takes a lock in the common case: the mirror's part of the figures is kept in an immutable
 * {@link PersistedSums} for the current day, dropped under the write lock whenever the mirror
 * changes, and the few unflushed buckets are added to it inside an optimistic read of
 * {@code mirrorLock} that is retried under the read lock if a writer got in between.
 */
final class CountingEngine implements VisitCounter {

    private static final Logger LOG = LoggerFactory.getLogger(VisitCounter.class);

    private static final long TAG_IP_USER_AGENT = 1;
    private static final long TAG_VISITOR_ID = 2;
    /** Days of persisted history mirrored in memory: enough for this month and this week. */
    private static final int MIRROR_DAYS = 62;
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
    private final ZoneId zone;
    private final long windowMillis;
    private final long timeoutMillis;
    /** How long a visitor is remembered, and yesterday's salt kept after midnight. */
    private final long memoryMillis;
    private final CounterSettings settings;
    private final VisitStore store;
    private final BotRules bots;
    private final Cidr[] excluded;
    private final SecureRandom random = new SecureRandom();

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
    private final ConcurrentHashMap<Long, DayBucket> buckets = new ConcurrentHashMap<>();
    private volatile DayState day;

    /**
     * Guards the persisted mirror (and the set of buckets against pruning). A StampedLock rather than
     * a read-write lock so that {@link #stats} can read optimistically: no write to a shared lock
     * word by every page view. Not reentrant: never take it while holding it.
     */
    private final StampedLock mirrorLock = new StampedLock();
    private final Map<Long, long[]> persistedDays = new HashMap<>();
    private long persistedTotalVisits;
    /**
     * The mirror's share of {@link #stats} for one day, or null after the mirror changed. Set to null
     * only under the write lock and built only under the read lock, so a value seen inside a valid
     * optimistic read, or under the read lock, always matches the mirror.
     */
    private volatile PersistedSums persistedSums;
    /**
     * All-time views per article as the store holds them: loaded whole at startup, then advanced by
     * what each flush wrote, so {@link #views} never reads the store (nor waits behind a flush).
     * About 100 bytes per article ever viewed (10 MB for 100,000 articles).
     */
    private final Map<Long, Long> persistedArticleViews;

    private final Object baselineLock = new Object();
    private volatile long baseline;
    private long baselineVersion;
    private long persistedBaselineVersion;

    /** Serialises store access: flushes, and reads that combine the store with memory. */
    private final ReentrantLock ioLock = new ReentrantLock();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong failedFlushes = new AtomicLong();
    private volatile long failureStreak;
    private volatile long retryNotBefore;
    private volatile long lastFlushNanos;
    private volatile Instant lastSuccessfulFlush;
    private final LongAdder droppedVisitors = new LongAdder();
    /** New visitors' hits refused by the per-address budget, since start. */
    private final LongAdder overBudgetHits = new LongAdder();
    /** Hits refused for malformed client input, since start. */
    private final LongAdder invalidHits = new LongAdder();
    /** The per-network budget of new visitors, or null when there is none. */
    private final VisitorBudget budget;

    /** Visitors whose last hit is at or after this are written with the next flush (under ioLock). */
    private long windowScanFrom;
    /** When the last flush deleted expired visitors from the store (under ioLock). */
    private long lastForget = Long.MIN_VALUE / 2;
    /** When the last warning about agreeing salts or reloading others' counts was logged (under ioLock). */
    private long lastShareWarning = Long.MIN_VALUE / 2;
    /** This counter instance's id in the store's flush sequence (random, never 0). */
    private final long writer;
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
    private Salt persistedSalt;
    private Salt persistedPreviousSalt;
    /**
     * Tomorrow's salt, agreed with the store ahead of midnight so that every counter sharing the
     * store switches to the same one at midnight without touching it (under this object's monitor).
     */
    private Salt nextSalt;

    private final ScheduledExecutorService flusher;
    private volatile boolean closed;

    CountingEngine(CounterSettings settings) {
        this.settings = settings;
        this.clock = settings.clock();
        this.zone = settings.zone();
        this.windowMillis = settings.windowMillis();
        this.timeoutMillis = settings.timeoutMillis();
        this.memoryMillis = Math.max(windowMillis, timeoutMillis);
        this.store = settings.store();
        this.bots = settings.botRules();
        this.excluded = settings.excludedNetworks().toArray(Cidr[]::new);
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        this.writer = id;
        this.online = new OnlineRing(windowMillis);

        long now = clock.millis();
        this.budget = settings.visitorBudget() == 0 ? null : new VisitorBudget(settings.visitorBudget(), now, random);
        LocalDate today = dateOf(now);
        // Read everything before taking the window: a failure here must not lose the saved window.
        // Others' flushes first: one that lands between this and the reads below is loaded twice
        // (harmless, the reads replace), never missed.
        this.othersApplied = store.appliedByOthers(writer);
        this.baseline = checkedBaseline(store.baseline());
        this.persistedTotalVisits = store.totalVisits();
        this.persistedArticleViews = new HashMap<>(store.allArticleViews());
        persistedDays.putAll(storedMirrorDays(today));
        // No more of the saved window than the cap: the store may hold far more (visitors the cap
        // made this counter forget stay stored until they expire), more than the heap holds.
        Optional<WindowSnapshot> window = store.loadWindow(settings.maxTrackedVisitors());
        // Sized for the saved window up front: restoring tens of thousands of visitors into a growing
        // table rehashes it again and again while the server starts.
        this.visitors = Caffeine.newBuilder()
                .initialCapacity((int) Math.min(window.map(w -> w.visitors().size()).orElse(0) + 16L, 1 << 20))
                // Weighted, so the cap bounds bytes rather than entries: a visitor who viewed many
                // articles takes the room of several who viewed none.
                .maximumWeight(settings.maxTrackedVisitors())
                .weigher((Long key, Visitor v) -> Visitor.weight(v.articles))
                .expireAfter(new RememberSinceLatestHit(TimeUnit.MILLISECONDS.toNanos(memoryMillis)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Maintenance on the recording threads: no hidden pool, and eviction stays prompt.
                .executor(Runnable::run)
                .evictionListener(this::onEviction)
                .build();
        this.day = restore(window.orElse(null), now, today);
        this.restoring = !restored.isEmpty();
        this.windowScanFrom = now - WINDOW_SCAN_MARGIN_MILLIS;

        if (settings.flushInterval().isZero()) {
            this.flusher = null;
        } else {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bantin-visit-flusher");
                t.setDaemon(true);
                return t;
            });
            long period = settings.flushInterval().toMillis();
            flusher.scheduleWithFixedDelay(this::backgroundFlush, period, period, TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- recording

    @Override
    public HitOutcome record(Hit hit) {
        Objects.requireNonNull(hit, "hit");
        if (closed) {
            throw new IllegalStateException("the visit counter is closed");
        }
        if (hit.invalidReason() != null) {
            invalidHits.increment();
            return HitOutcome.INVALID;
        }
        if (hit.excluded()) {
            return HitOutcome.EXCLUDED;
        }
        long now = clock.millis();
        DayState state = day;
        if (now < state.start || now >= state.nextCheck) {
            state = advance(now);
            // A thread that read the clock just before midnight but got here after it counts today.
            now = Math.max(now, state.start);
        }
        IpAddress ip = hit.address();
        for (Cidr network : excluded) {
            if (network.contains(ip)) {
                return HitOutcome.EXCLUDED;
            }
        }
        String userAgent = hit.userAgent();
        long fingerprint = BotRules.fingerprint(userAgent);
        if (bots.isBot(userAgent, fingerprint)) {
            state.bucket.bots.increment();
            return HitOutcome.BOT;
        }

        Salt salt = state.salt;
        long key = visitorKey(salt, hit, ip, fingerprint);
        if (restoring) {
            adopt(key, now);
        }
        Visitor migrated = null;
        Salt previous = state.previousSalt;
        if (previous != null && visitors.getIfPresent(key) == null) {
            // Active before midnight under yesterday's salt: carry them over so they stay one visitor.
            long previousKey = visitorKey(previous, hit, ip, fingerprint);
            if (restoring) {
                adopt(previousKey, now);
            }
            migrated = visitors.asMap().remove(previousKey);
        }
        long articleId = hit.articleId() == null ? 0 : hit.articleId();
        int result = track(key, now, state.start, articleId, migrated, ip);

        DayBucket bucket = state.bucket;
        bucket.pageViews.increment();
        if (result == OVER_BUDGET) {
            // A page view of the one "over budget" visitor: in no visit, not online, no article view.
            bucket.overBudget.increment();
            overBudgetHits.increment();
            return HitOutcome.OVER_BUDGET;
        }
        boolean newVisit = (result & NEW_VISIT) != 0;
        if (newVisit) {
            bucket.visits.increment();
        }
        if ((result & ARTICLE_COUNTED) != 0) {
            bucket.viewArticle(articleId);
        }
        return newVisit ? HitOutcome.NEW_VISIT : HitOutcome.PAGE_VIEW;
    }

    private static final int NEW_VISIT = 1;
    private static final int ARTICLE_COUNTED = 2;
    /** The hit would have created a visitor beyond its network's budget; nothing was tracked. */
    private static final int OVER_BUDGET = 4;

    /**
     * Applies a hit to the visitor's entry and returns {@link #NEW_VISIT} and {@link #ARTICLE_COUNTED}
     * flags. A known visitor is updated under its own monitor after a plain cache read, which is much
     * cheaper than a cache compute; a new one is fully built (and put in the online ring) before it
     * is published with putIfAbsent, so a racing hit or an immediate eviction always sees a
     * consistent entry.
     */
    /**
     * Moves a restored visitor into the cache, if there is one under this key and it is still
     * remembered. Atomic per key (the cache's computeIfAbsent), so two first hits of one restored
     * visitor cannot both miss it and count two visits.
     */
    private void adopt(long key, long now) {
        visitors.asMap().computeIfAbsent(key, k -> {
            Visitor r = restored.remove(k);
            return r != null && now - r.lastHit < memoryMillis ? r : null;
        });
    }

    /** Forgets restored visitors no longer remembered; ends the adoption checks once none is left. */
    private void pruneRestored(long now) {
        if (restoring) {
            restored.values().removeIf(v -> now - v.lastHit >= memoryMillis);
            if (restored.isEmpty()) {
                restoring = false;
            }
        }
    }

    private int track(long key, long now, long dayStart, long articleId, Visitor migrated, IpAddress ip) {
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

    private static long visitorKey(Salt salt, Hit hit, IpAddress ip, long fingerprint) {
        String visitorId = hit.visitorId();
        if (visitorId != null) {
            return SipHash.hashWords(salt.k0, salt.k1, TAG_VISITOR_ID, 0, 0, 0, visitorId);
        }
        return SipHash.hashWords(salt.k0, salt.k1, TAG_IP_USER_AGENT, ip.high(), ip.low(), fingerprint, "");
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

    // ---------------------------------------------------------------- days and salts

    /** Today's calendar facts, bucket and salts; replaced at midnight and when yesterday's salt expires. */
    private static final class DayState {
        final LocalDate date;
        final long epochDay;
        final long start;
        final long end;
        final DayBucket bucket;
        final Salt salt;
        final Salt previousSalt;
        final long previousSaltUntil;
        final long nextCheck;

        DayState(LocalDate date, long start, long end, DayBucket bucket, Salt salt, Salt previousSalt,
                 long previousSaltUntil) {
            this.date = date;
            this.epochDay = date.toEpochDay();
            this.start = start;
            this.end = end;
            this.bucket = bucket;
            this.salt = salt;
            this.previousSalt = previousSalt;
            this.previousSaltUntil = previousSaltUntil;
            this.nextCheck = previousSalt == null ? end : Math.min(end, previousSaltUntil);
        }
    }

    /** A day's visitor salt; its key is zeroed when it is no longer needed. */
    private static final class Salt {
        final LocalDate day;
        long k0;
        long k1;

        Salt(LocalDate day, long k0, long k1) {
            this.day = day;
            this.k0 = k0;
            this.k1 = k1;
        }

        static Salt of(VisitorSalt stored) {
            long[] words = stored.toWords();
            return new Salt(stored.day(), words[0], words[1]);
        }

        void destroy() {
            k0 = 0;
            k1 = 0;
        }
    }

    private Salt newSalt(LocalDate date) {
        return new Salt(date, random.nextLong(), random.nextLong());
    }

    /**
     * The salt for a day that just began: the one agreed with the store if there is one for that day,
     * else a fresh one (this counter then differs from others sharing the store until tomorrow).
     */
    private Salt takeNextSalt(LocalDate date) {
        Salt next = nextSalt;
        nextSalt = null;
        if (next != null && next.day.equals(date)) {
            return next;
        }
        if (next != null) {
            next.destroy();
        }
        return newSalt(date);
    }

    private DayState dayState(LocalDate date, Salt salt, Salt previous) {
        long start = startOf(date);
        long end = startOf(date.plusDays(1));
        long previousUntil = start + memoryMillis;
        DayBucket bucket = buckets.computeIfAbsent(date.toEpochDay(), DayBucket::new);
        return new DayState(date, start, end, bucket, salt, previous, previousUntil);
    }

    private synchronized DayState advance(long now) {
        DayState s = day;
        if (now >= s.start && now < s.nextCheck) {
            return s;
        }
        LocalDate date = dateOf(now);
        if (date.isBefore(s.date)) {
            return s; // the clock went back across midnight: keep counting into the later day
        }
        DayState next;
        if (date.equals(s.date)) {
            // Yesterday's salt has served its grace period: destroy it.
            if (s.previousSalt != null) {
                s.previousSalt.destroy();
            }
            next = new DayState(s.date, s.start, s.end, s.bucket, s.salt, null, s.previousSaltUntil);
        } else {
            if (s.previousSalt != null) {
                s.previousSalt.destroy();
            }
            Salt previous = s.salt;
            if (!s.date.plusDays(1).equals(date)) {
                previous.destroy();
                previous = null;
            }
            next = dayState(date, takeNextSalt(date), previous);
            if (previous != null && now >= next.previousSaltUntil) {
                previous.destroy();
                next = dayState(date, next.salt, null);
            }
            pruneMirror(date);
        }
        day = next;
        return next;
    }

    private void pruneMirror(LocalDate today) {
        long oldest = today.minusDays(MIRROR_DAYS).toEpochDay();
        long stamp = mirrorLock.writeLock();
        try {
            if (persistedDays.keySet().removeIf(d -> d < oldest)) {
                // Far outside any week or month, but every change to the mirror drops the sums.
                persistedSums = null;
            }
        } finally {
            mirrorLock.unlockWrite(stamp);
        }
    }

    private DayState currentDay(long now) {
        DayState s = day;
        return now < s.start || now >= s.nextCheck ? advance(now) : s;
    }

    private LocalDate dateOf(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
    }

    private long startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    // ---------------------------------------------------------------- reading

    @Override
    public VisitStats stats() {
        long now = clock.millis();
        DayState s = currentDay(now);
        long onlineNow = online.count(Math.max(now, s.start));
        long today = s.epochDay;
        // Optimistic first: reads nothing but volatile fields and counters, and writes nothing shared.
        // If a flush moved amounts from the buckets to the mirror meanwhile, validate fails and the
        // second pass runs under the read lock, which waits only for that in-memory move, never for
        // the store: flushes write to the store before they take the write lock.
        long stamp = mirrorLock.tryOptimisticRead();
        boolean locked = false;
        try {
            while (true) {
                PersistedSums p = persistedSums;
                if (p == null || p.epochDay != today) {
                    if (!locked) {
                        stamp = mirrorLock.readLock();
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
                if (locked || mirrorLock.validate(stamp)) {
                    return new VisitStats(onlineNow, Saturating.add(p.today, live), yesterday, week, month,
                            Saturating.add(baseline, total), pageViews, bots, Instant.ofEpochMilli(now));
                }
                stamp = mirrorLock.readLock();
                locked = true;
            }
        } finally {
            if (locked) {
                mirrorLock.unlockRead(stamp);
            }
        }
    }

    /**
     * The mirror's part of the figures for one day, and the buckets of other days that existed when it
     * was built; today's bucket is taken from the {@link DayState}. Buckets are only created for a new
     * current day and only removed under the write lock, so for its day the list stays complete until
     * the sums are dropped. Immutable.
     */
    private static final class PersistedSums {
        final long epochDay;
        final long weekStart;
        final long monthStart;
        final long today;
        final long yesterday;
        final long week;
        final long month;
        final long total;
        final long pageViews;
        final long bots;
        final DayBucket[] otherBuckets;

        PersistedSums(long epochDay, long weekStart, long monthStart, long today, long yesterday, long week,
                      long month, long total, long pageViews, long bots, DayBucket[] otherBuckets) {
            this.epochDay = epochDay;
            this.weekStart = weekStart;
            this.monthStart = monthStart;
            this.today = today;
            this.yesterday = yesterday;
            this.week = week;
            this.month = month;
            this.total = total;
            this.pageViews = pageViews;
            this.bots = bots;
            this.otherBuckets = otherBuckets;
        }
    }

    /**
     * Sums the mirror for the day of {@code s} and remembers the result; the caller holds the read
     * lock, so no writer can drop the sums between building and publishing them.
     */
    private PersistedSums sumPersisted(DayState s) {
        long today = s.epochDay;
        long weekStart = s.date.with(TemporalAdjusters.previousOrSame(settings.firstDayOfWeek())).toEpochDay();
        long monthStart = s.date.withDayOfMonth(1).toEpochDay();
        long week = 0;
        long month = 0;
        for (long d = Math.min(weekStart, monthStart); d <= today; d++) {
            long v = persisted(d, 0);
            week = Saturating.add(week, d >= weekStart ? v : 0);
            month = Saturating.add(month, d >= monthStart ? v : 0);
        }
        DayBucket[] others = buckets.values().stream().filter(b -> b.epochDay != today).toArray(DayBucket[]::new);
        PersistedSums sums = new PersistedSums(today, weekStart, monthStart, persisted(today, 0),
                persisted(today - 1, 0), week, month, persistedTotalVisits, persisted(today, 1), persisted(today, 2),
                others);
        PersistedSums current = persistedSums;
        // A reader still on the previous day (just past midnight) must not evict the new day's sums.
        if (current == null || current.epochDay <= today) {
            persistedSums = sums;
        }
        return sums;
    }

    private long persisted(long epochDay, int field) {
        long[] row = persistedDays.get(epochDay);
        return row == null ? 0 : row[field];
    }

    @Override
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        requireRange(from, to);
        if (to.toEpochDay() - from.toEpochDay() + 1 > 366) {
            throw new IllegalArgumentException("daily range must span at most 366 days, got " + from + " to " + to);
        }
        ioLock.lock();
        try {
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
        } finally {
            ioLock.unlock();
        }
    }

    @Override
    public long views(long articleId) {
        return views(List.of(articleId)).get(articleId);
    }

    @Override
    public Map<Long, Long> views(Collection<Long> articleIds) {
        Objects.requireNonNull(articleIds, "articleIds");
        List<Long> ids = new ArrayList<>(articleIds.size());
        for (Long id : articleIds) {
            Objects.requireNonNull(id, "article id");
            if (id <= 0) {
                throw new IllegalArgumentException("articleId must be positive, got " + id);
            }
            ids.add(id);
        }
        long stamp = mirrorLock.readLock();
        try {
            Map<Long, Long> views = new LinkedHashMap<>();
            for (Long id : ids) {
                views.put(id, Saturating.add(persistedArticleViews.getOrDefault(id, 0L), unflushedViews(id)));
            }
            return views;
        } finally {
            mirrorLock.unlockRead(stamp);
        }
    }

    private long unflushedViews(long articleId) {
        long sum = 0;
        for (DayBucket b : buckets.values()) {
            sum = Saturating.add(sum, b.articleViews(articleId));
        }
        return sum;
    }

    @Override
    public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        ioLock.lock();
        try {
            Map<Long, Long> unflushed = new HashMap<>();
            for (DayBucket b : buckets.values()) {
                LocalDate d = LocalDate.ofEpochDay(b.epochDay);
                if (d.isBefore(from) || d.isAfter(to)) {
                    continue;
                }
                b.articles.forEach((id, adder) -> {
                    long n = adder.sum();
                    if (n > 0) {
                        unflushed.merge(id, n, Saturating::add);
                    }
                });
            }
            // An article outside the store's top (limit + |unflushed|) cannot overtake the true top
            // unless it has unflushed views, and those are looked up exactly.
            Map<Long, Long> combined = new HashMap<>();
            for (ArticleViews a : store.topArticles(from, to, limit + unflushed.size())) {
                combined.put(a.articleId(), a.views());
            }
            if (!unflushed.isEmpty()) {
                Map<Long, Long> stored = store.articleViews(unflushed.keySet(), from, to);
                unflushed.forEach((id, n) -> combined.put(id, Saturating.add(stored.getOrDefault(id, 0L), n)));
            }
            return combined.entrySet().stream()
                    .map(e -> new ArticleViews(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(ArticleViews::views).reversed()
                            .thenComparingLong(ArticleViews::articleId))
                    .limit(limit)
                    .toList();
        } finally {
            ioLock.unlock();
        }
    }

    @Override
    public List<DimensionCount> breakdown(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
    }

    @Override
    public void setBaseline(long total) {
        if (total < 0 || total > MAX_BASELINE) {
            throw new IllegalArgumentException("baseline must be from 0 to " + MAX_BASELINE + ", got " + total);
        }
        synchronized (baselineLock) {
            if (total != baseline) {
                baseline = total;
                baselineVersion++;
            }
        }
    }

    @Override
    public long baseline() {
        return baseline;
    }

    /**
     * A stored baseline within 0..{@link #MAX_BASELINE}: a store written before the cap existed may
     * hold one that overflows the total, and must not fail every page after a restart. Clamped in
     * memory only; the store keeps its value until the baseline is set again.
     */
    private static long checkedBaseline(long stored) {
        if (stored >= 0 && stored <= MAX_BASELINE) {
            return stored;
        }
        long clamped = stored < 0 ? 0 : MAX_BASELINE;
        LOG.warn("event=baseline_out_of_range stored={} used={} (set the baseline again to store a valid one)",
                stored, clamped);
        return clamped;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public CounterMetrics metrics() {
        return new CounterMetrics(flushes.get(), failedFlushes.get(), failureStreak, Duration.ofNanos(lastFlushNanos),
                lastSuccessfulFlush, visitors.estimatedSize() + restored.size(), settings.maxTrackedVisitors(), droppedVisitors.sum(),
                overBudgetHits.sum(), currentDay(clock.millis()).bucket.overBudget.sum(), invalidHits.sum());
    }

    // ---------------------------------------------------------------- flushing

    @Override
    public void flush() {
        pruneRestored(clock.millis());
        ioLock.lock();
        try {
            flushLocked();
        } finally {
            ioLock.unlock();
        }
    }

    private void backgroundFlush() {
        if (closed || clock.millis() < retryNotBefore) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            // Already counted and logged once per failure streak by flushLocked.
        }
    }

    /** A bucket's amounts as written by one flush. */
    private record Taken(DayBucket bucket, long visits, long pageViews, long bots, Map<Long, Long> articles) {
    }

    /** One flush sent to the store, with what to do in memory once it is known to be committed. */
    private record Batch(VisitDelta delta, List<Taken> taken, long baselineVersion, long cut, boolean forget,
                         Salt salt, Salt previousSalt) {
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
        List<Taken> taken = new ArrayList<>();
        List<DailyCount> days = new ArrayList<>();
        List<ArticleDayViews> articleDays = new ArrayList<>();
        for (DayBucket b : buckets.values()) {
            LocalDate date = LocalDate.ofEpochDay(b.epochDay);
            long v = b.visits.sum();
            long p = b.pageViews.sum();
            long bt = b.bots.sum();
            Map<Long, Long> articles = new HashMap<>();
            b.articles.forEach((id, adder) -> {
                long n = adder.sum();
                if (n > 0) {
                    articles.put(id, n);
                    articleDays.add(new ArticleDayViews(date, id, n));
                }
            });
            if (v != 0 || p != 0 || bt != 0) {
                days.add(new DailyCount(date, v, p, bt));
            }
            if (v != 0 || p != 0 || bt != 0 || !articles.isEmpty()) {
                taken.add(new Taken(b, v, p, bt, articles));
            }
        }
        long version;
        OptionalLong newBaseline;
        synchronized (baselineLock) {
            version = baselineVersion;
            newBaseline = version == persistedBaselineVersion ? OptionalLong.empty() : OptionalLong.of(baseline);
        }
        // Visitors are read after the counts: a hit whose counts were taken is then always in its
        // visitor's state too (the visitor is updated before the counts), never the other way round.
        long cut = clock.millis();
        Salt salt;
        Salt previousSalt;
        List<VisitorSalt> salts = new ArrayList<>();
        synchronized (this) {
            salt = day.salt;
            previousSalt = day.previousSalt;
            if (salt != persistedSalt || previousSalt != persistedPreviousSalt) {
                salts.add(VisitorSalt.fromWords(salt.day, salt.k0, salt.k1));
                if (previousSalt != null) {
                    salts.add(VisitorSalt.fromWords(previousSalt.day, previousSalt.k0, previousSalt.k1));
                }
            }
        }
        // Every visitor change comes with counts (a hit is always a page view), so without counts
        // there is nothing new in the window either; the margin's rewrites wait for the next hit.
        boolean anything = !days.isEmpty() || !articleDays.isEmpty() || newBaseline.isPresent() || !salts.isEmpty();
        VisitDelta.Builder builder = VisitDelta.builder().days(days).articleDays(articleDays).salts(salts);
        newBaseline.ifPresent(builder::baseline);
        int changed = anything ? changedVisitors(windowScanFrom, builder) : 0;
        // Deleting expired visitors scans the stored window: once a minute is plenty.
        boolean forget = anything && cut - lastForget >= FORGET_EVERY_MILLIS;
        Instant forgetBefore = forget ? Instant.ofEpochMilli(cut - memoryMillis) : Instant.EPOCH;
        if (anything || changed > 0) {
            VisitDelta delta = builder.forgetVisitorsBefore(forgetBefore).sequence(writer, ++lastSequence).build();
            Batch batch = new Batch(delta, taken, version, cut, forget, salt, previousSalt);
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
        pruneBuckets();
        // After the flush committed: a failure here is not a failed flush (nothing is retried, nothing
        // is counted twice); both run again at the next flush.
        try {
            agreeNextSalt();
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
     * Agrees on tomorrow's salt with the store, once a day, ahead of midnight: the store keeps the first
     * salt proposed for a day, so all counters sharing it use the same one. A visitor then has one
     * key in all of them, the window they write is one window, and a process that restarts finds the
     * visits it had open under the salt it loads (with a salt of its own it would count them again).
     */
    private void agreeNextSalt() {
        if (closed) {
            return; // the final flush: tomorrow's salt would be destroyed at once
        }
        LocalDate tomorrow = currentDay(clock.millis()).date.plusDays(1);
        synchronized (this) {
            if (nextSalt != null && nextSalt.day.equals(tomorrow)) {
                return;
            }
        }
        Salt agreed = agreedSalt(tomorrow);
        synchronized (this) {
            // Midnight may have passed meanwhile; then the day began with a salt of its own.
            if (day.date.plusDays(1).equals(agreed.day) && !closed) {
                if (nextSalt != null) {
                    nextSalt.destroy();
                }
                nextSalt = agreed;
            } else {
                agreed.destroy();
            }
        }
    }

    /** The stored days the mirror holds, by epoch day: {visits, page views, bots}. */
    private Map<Long, long[]> storedMirrorDays(LocalDate today) {
        Map<Long, long[]> days = new HashMap<>();
        for (DailyCount d : store.daily(today.minusDays(MIRROR_DAYS), today.plusDays(1))) {
            days.put(d.date().toEpochDay(), new long[] {d.visits(), d.pageViews(), d.bots()});
        }
        return days;
    }

    /**
     * The salt every counter sharing the store uses for {@code date}: the one the store holds, or a
     * fresh one that the store then holds.
     */
    private Salt agreedSalt(LocalDate date) {
        VisitorSalt agreed = store.agreeSalt(VisitorSalt.fromWords(date, random.nextLong(), random.nextLong()));
        return Salt.of(agreed);
    }

    /**
     * Loads the persisted mirror from the store again if another counter sharing it (another process
     * on the same database) flushed since the mirror was last loaded. {@link #stats} and
     * {@link #views} answer from the mirror, so without this each process would show what the store
     * held when it started plus only what it counted itself. Runs after this counter's own flush
     * committed, so the store holds exactly what the mirror should; never while a flush of its own is
     * unconfirmed, whose amounts may be both in the store and still in the buckets.
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
            LocalDate today = day.date;
            long storedBaseline = checkedBaseline(store.baseline());
            long total = store.totalVisits();
            Map<Long, long[]> days = storedMirrorDays(today);
            // Only this method and applied() change the map, both under ioLock: reading it here is
            // safe, and only the articles whose views moved are put, under the write lock.
            Map<Long, Long> moved = new HashMap<>();
            store.allArticleViews().forEach((id, n) -> {
                if (!n.equals(persistedArticleViews.get(id))) {
                    moved.put(id, n);
                }
            });
            long stamp = mirrorLock.writeLock();
            try {
                persistedDays.clear();
                persistedDays.putAll(days);
                persistedTotalVisits = total;
                persistedArticleViews.putAll(moved);
                synchronized (baselineLock) {
                    // A baseline set here and not yet written wins over the stored one.
                    if (baselineVersion == persistedBaselineVersion) {
                        baseline = storedBaseline;
                    }
                }
                persistedSums = null;
            } finally {
                mirrorLock.unlockWrite(stamp);
            }
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
        applied(batch.taken(), batch.baselineVersion());
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

    /** Moves what the store just committed from the unflushed buckets into the persisted mirror. */
    private void applied(List<Taken> taken, long version) {
        long stamp = mirrorLock.writeLock();
        try {
            for (Taken t : taken) {
                t.bucket.visits.add(-t.visits);
                t.bucket.pageViews.add(-t.pageViews);
                t.bucket.bots.add(-t.bots);
                long[] row = persistedDays.computeIfAbsent(t.bucket.epochDay, k -> new long[3]);
                row[0] += t.visits;
                row[1] += t.pageViews;
                row[2] += t.bots;
                persistedTotalVisits += t.visits;
                t.articles.forEach((id, n) -> {
                    t.bucket.articles.get(id).add(-n);
                    persistedArticleViews.merge(id, n, Long::sum);
                });
            }
            synchronized (baselineLock) {
                persistedBaselineVersion = Math.max(persistedBaselineVersion, version);
            }
            persistedSums = null;
        } finally {
            mirrorLock.unlockWrite(stamp);
        }
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
     * Drops buckets of days before yesterday once fully flushed. Today's and yesterday's are kept:
     * a thread that fetched one just before midnight may still add to it.
     */
    private void pruneBuckets() {
        long keepFrom = day.date.toEpochDay() - 1;
        long stamp = mirrorLock.writeLock();
        try {
            if (buckets.values().removeIf(b -> b.epochDay < keepFrom && b.isEmpty())) {
                // The dropped buckets are empty, but the cached sums still list them.
                persistedSums = null;
            }
        } finally {
            mirrorLock.unlockWrite(stamp);
        }
    }

    // ---------------------------------------------------------------- shutdown and restart

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RuntimeException failure = finalFlush();
        synchronized (this) {
            DayState s = day;
            s.salt.destroy();
            if (s.previousSalt != null) {
                s.previousSalt.destroy();
            }
            if (nextSalt != null) {
                nextSalt.destroy();
            }
        }
        if (failure != null) {
            throw failure instanceof VisitStoreException vse ? vse
                    : new VisitStoreException("closing the visit counter failed", failure);
        }
    }

    /**
     * Flushes (also the visitors changed since the last flush and the live salts), retrying a
     * failure {@link #CLOSE_ATTEMPTS} times in all with doubling waits, since what is not written now
     * is lost. Returns the last failure, or null once a flush succeeded.
     */
    private RuntimeException finalFlush() {
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
        logUnsaved(failure, attempts);
        return failure;
    }

    /** Logs once, at ERROR, what a failed close could not save (counts only: nothing personal). */
    private void logUnsaved(RuntimeException failure, int attempts) {
        StringBuilder lost = new StringBuilder();
        long stamp = mirrorLock.readLock();
        try {
            buckets.values().stream().sorted(Comparator.comparingLong(b -> b.epochDay)).forEach(b -> {
                long articleViews = 0;
                for (var adder : b.articles.values()) {
                    articleViews += adder.sum();
                }
                if (!b.isEmpty()) {
                    lost.append(String.format(" %s: %d visits, %d page views, %d bots, %d article views in %d articles;",
                            LocalDate.ofEpochDay(b.epochDay), b.visits.sum(), b.pageViews.sum(), b.bots.sum(),
                            articleViews, b.articles.values().stream().filter(a -> a.sum() > 0).count()));
                }
            });
        } finally {
            mirrorLock.unlockRead(stamp);
        }
        LOG.error("Visit counter closed without saving its last counts after {} attempts; lost:{}",
                attempts, lost.length() == 0 ? " only the active-visitor window" : lost, failure);
    }

    /**
     * The tracked visitors whose last hit is at or after {@code from}, as they are now. A flush can
     * carry every active visitor; kept as columns of primitives (records are made as the store reads
     * them), they cost a few arrays instead of several objects each, which would otherwise outlive
     * young collections during the flush and be promoted.
     */
    private int changedVisitors(long from, VisitDelta.Builder changed) {
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
                    changed.visitor(key, v.lastHit, v.visitStart, v.articles);
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    /**
     * The first day state: from the stored window when its salts are still valid, else with a salt
     * agreed with the store for today (the one another counter sharing the store already uses, or a
     * fresh one). The stored salts are remembered as persisted only if they are exactly today's pair
     * (and tomorrow's), so any other combination is written with the first flush.
     */
    private DayState restore(WindowSnapshot window, long now, LocalDate today) {
        Salt current = null;
        Salt previous = null;
        long graceEnd = startOf(today) + memoryMillis;
        if (window != null) {
            for (VisitorSalt saved : window.salts()) {
                if (saved.day().equals(today) && current == null) {
                    current = Salt.of(saved);
                } else if (saved.day().equals(today.minusDays(1)) && now < graceEnd && previous == null) {
                    previous = Salt.of(saved);
                } else if (saved.day().equals(today.plusDays(1)) && nextSalt == null) {
                    nextSalt = Salt.of(saved);
                }
            }
            // The most recent first, until their weight reaches the cap, as the cache itself would keep.
            List<ActiveVisitor> saved = new ArrayList<>(window.visitors());
            saved.sort(Comparator.comparing(ActiveVisitor::lastHit).reversed());
            long weight = 0;
            for (ActiveVisitor a : saved) {
                long lastHit = a.lastHit().toEpochMilli();
                if (now - lastHit < memoryMillis && lastHit <= now) {
                    int units = 1 + a.viewedArticles().size() / Visitor.ARTICLES_PER_WEIGHT;
                    if (weight + units > settings.maxTrackedVisitors()) {
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
        }
        int kept = (current == null ? 0 : 1) + (previous == null ? 0 : 1) + (nextSalt == null ? 0 : 1);
        if (window != null && window.salts().size() == kept) {
            persistedSalt = current;
            persistedPreviousSalt = previous;
        }
        if (current == null) {
            // Today's as every counter sharing the store uses it. A store that refuses writes now (a
            // locked or read-only file) must not stop the counter from starting: then a salt of its
            // own, written by the first flush that succeeds.
            try {
                current = agreedSalt(today);
            } catch (RuntimeException e) {
                LOG.warn("Visit counter could not agree today's salt at startup; it uses one of its own", e);
                current = newSalt(today);
            }
        }
        // Tomorrow's too, now: started just before midnight, the first flush might come only after it,
        // when the day has begun with a salt of this process's own. (Stored a day ahead, a salt alone
        // tells nothing: the keys it makes of that day's visitors do not exist yet.) If the store
        // refuses, the flushes try again.
        if (nextSalt == null) {
            try {
                nextSalt = agreedSalt(today.plusDays(1));
            } catch (RuntimeException e) {
                LOG.warn("Visit counter could not agree tomorrow's salt at startup; the flushes try again", e);
            }
        }
        return dayState(today, current, previous);
    }
}
