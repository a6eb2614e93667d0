package io.bantin.visit;

import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.WindowSnapshot;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link VisitCounter} engine: a small composition of mechanisms, each with one job and one kind
 * of lock, in the way Caffeine's {@code BoundedLocalCache} composes its timer wheel, sketch and pacer:
 *
 * <ul>
 *   <li>{@link DaySalts}: the calendar and the visitor salts (its monitor, once a day);
 *   <li>{@link VisitorTracker}: who is visiting, online and within budget (each visitor's monitor);
 *   <li>{@link DayBuckets}: the unflushed amounts of each day, visits by dimension value included
 *       (lock-free striped adders);
 *   <li>{@link PersistedFigures}: the mirror of what the store holds, and the readers that answer from
 *       memory (a stamped lock, read optimistically);
 *   <li>{@link Baseline}: the legacy total (its monitor);
 *   <li>{@link Flusher}: deltas, the multi-server sequence protocol, retries (the store lock);
 *   <li>{@link StoredFigures}: history read from the store plus the buckets (under the store lock).
 * </ul>
 *
 * <p>Hot path ({@link #record}): one clock read, a fingerprint of the User-Agent (which also keys the
 * bot verdict cache), a SipHash of (IP, fingerprint) under the day's salt, one cache read and the
 * visitor's own monitor, and striped counter increments. No lock is shared by all hits. A new visit
 * also derives its value of each {@link Dimension}.
 */
final class CountingEngine implements VisitCounter {

    private static final long TAG_IP_USER_AGENT = 1;
    private static final long TAG_VISITOR_ID = 2;

    private final Clock clock;
    private final ZoneId zone;
    private final CounterSettings settings;
    private final BotRules bots;
    private final Cidr[] excluded;
    private final Set<String> ownHosts;
    private final boolean countDimensions;

    private final DayBuckets buckets = new DayBuckets();
    private final DaySalts days;
    private final VisitorTracker visitors;
    private final PersistedFigures mirror;
    private final Baseline baseline;
    private final Flusher flusher;
    private final StoredFigures history;

    /** New visitors' hits refused by the per-address budget, since start. */
    private final LongAdder overBudgetHits = new LongAdder();
    /** Hits refused for malformed client input, since start. */
    private final LongAdder invalidHits = new LongAdder();
    private volatile boolean closed;

    CountingEngine(CounterSettings settings) {
        this.settings = settings;
        this.clock = settings.clock();
        this.zone = settings.zone();
        this.bots = settings.botRules();
        this.excluded = settings.excludedNetworks().toArray(Cidr[]::new);
        this.ownHosts = settings.ownHosts();
        this.countDimensions = settings.countDimensions();
        VisitStore store = settings.store();
        long memoryMillis = Math.max(settings.windowMillis(), settings.timeoutMillis());
        SecureRandom random = new SecureRandom();
        long writer;
        do {
            writer = random.nextLong();
        } while (writer == 0);

        long now = clock.millis();
        VisitorBudget budget = settings.visitorBudget() == 0 ? null
                : new VisitorBudget(settings.visitorBudget(), now, random);
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        // Read everything before taking the window: a failure here must not lose the saved window.
        // Others' flushes first: one that lands between this and the reads below is loaded twice
        // (harmless, the reads replace), never missed.
        long othersApplied = store.appliedByOthers(writer);
        this.baseline = new Baseline(store.baseline());
        this.mirror = new PersistedFigures(buckets, settings.firstDayOfWeek(),
                PersistedFigures.storedDays(store, today), store.totalVisits(), store.allArticleViews());
        // No more of the saved window than the cap: the store may hold far more (visitors the cap
        // made this counter forget stay stored until they expire), more than the heap holds.
        Optional<WindowSnapshot> window = store.loadWindow(settings.maxTrackedVisitors());
        this.visitors = new VisitorTracker(clock, settings.windowMillis(), settings.timeoutMillis(),
                settings.maxTrackedVisitors(), budget, window.map(w -> w.visitors().size()).orElse(0));
        this.days = new DaySalts(zone, memoryMillis, random, store, buckets::forDay, mirror::pruneBefore);
        boolean saltsStored = days.restore(window.map(WindowSnapshot::salts).orElse(List.of()), now, today);
        window.ifPresent(w -> visitors.restore(w.visitors(), now));
        this.flusher = new Flusher(settings, memoryMillis, writer, othersApplied, now, buckets, mirror, baseline,
                visitors, days);
        if (saltsStored) {
            flusher.saltsArePersisted();
        }
        this.history = new StoredFigures(store, buckets, flusher);
        flusher.start();
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
        DaySalts.DayState state = days.current();
        if (now < state.start || now >= state.nextCheck) {
            state = days.current(now);
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

        long key = visitorKey(state.salt, hit, ip, fingerprint);
        visitors.adopt(key, now);
        Visitor migrated = null;
        DaySalts.Salt previous = state.previousSalt;
        if (previous != null && !visitors.knows(key)) {
            // Active before midnight under yesterday's salt: carry them over so they stay one visitor.
            migrated = visitors.take(visitorKey(previous, hit, ip, fingerprint), now);
        }
        long articleId = hit.articleId() == null ? 0 : hit.articleId();
        int result = visitors.track(key, now, state.start, articleId, migrated, ip);

        DayBucket bucket = state.bucket;
        bucket.pageViews.increment();
        if (result == VisitorTracker.OVER_BUDGET) {
            // A page view of the one "over budget" visitor: in no visit, not online, no article view.
            bucket.overBudget.increment();
            overBudgetHits.increment();
            return HitOutcome.OVER_BUDGET;
        }
        boolean newVisit = (result & VisitorTracker.NEW_VISIT) != 0;
        if (newVisit) {
            // The dimensions before the visit itself: a reader never sees more visits than values.
            if (countDimensions) {
                bucket.countVisitDimensions(hit, fingerprint, ownHosts);
            }
            bucket.visits.increment();
        }
        if ((result & VisitorTracker.ARTICLE_COUNTED) != 0) {
            bucket.viewArticle(articleId);
        }
        return newVisit ? HitOutcome.NEW_VISIT : HitOutcome.PAGE_VIEW;
    }

    private static long visitorKey(DaySalts.Salt salt, Hit hit, IpAddress ip, long fingerprint) {
        String visitorId = hit.visitorId();
        if (visitorId != null) {
            return SipHash.hashWords(salt.k0, salt.k1, TAG_VISITOR_ID, 0, 0, 0, visitorId);
        }
        return SipHash.hashWords(salt.k0, salt.k1, TAG_IP_USER_AGENT, ip.high(), ip.low(), fingerprint, "");
    }

    // ---------------------------------------------------------------- reading

    @Override
    public VisitStats stats() {
        long now = clock.millis();
        DaySalts.DayState s = days.current(now);
        long onlineNow = visitors.online(Math.max(now, s.start));
        return mirror.stats(s, now, onlineNow, baseline);
    }

    @Override
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return history.daily(from, to);
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
        return mirror.views(ids);
    }

    @Override
    public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        return history.topArticles(from, to, limit);
    }

    @Override
    public List<DimensionCount> breakdown(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        return history.breakdown(dimension, from, to, limit);
    }

    @Override
    public void setBaseline(long total) {
        if (total < 0 || total > MAX_BASELINE) {
            throw new IllegalArgumentException("baseline must be from 0 to " + MAX_BASELINE + ", got " + total);
        }
        baseline.set(total);
    }

    @Override
    public long baseline() {
        return baseline.get();
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public CounterMetrics metrics() {
        return new CounterMetrics(flusher.flushes(), flusher.failedFlushes(), flusher.failureStreak(),
                flusher.lastFlushDuration(), flusher.lastSuccessfulFlush(), visitors.size(),
                settings.maxTrackedVisitors(), visitors.dropped(), overBudgetHits.sum(),
                days.current(clock.millis()).bucket.overBudget.sum(), invalidHits.sum());
    }

    // ---------------------------------------------------------------- flushing and shutdown

    @Override
    public void flush() {
        flusher.flush();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        RuntimeException failure = flusher.close();
        days.destroy();
        if (failure != null) {
            throw failure instanceof VisitStoreException vse ? vse
                    : new VisitStoreException("closing the visit counter failed", failure);
        }
    }
}
