package io.bantin.visit;

import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Counts visits, page views, article views and bots of a site, and answers the visit statistics
 * box ("Đang online 19 · Hôm nay 900 · ...") from memory.
 *
 * <p>Counting rules: a visitor is a keyed hash of (IP, User-Agent), or of a host-provided visitor
 * id, under a random salt that rotates at local midnight. A hit starts a new visit when it is the
 * visitor's first, when at least the visit timeout passed since their previous hit, or when it is
 * their first after local midnight. Online counts distinct visitors whose last hit is less than the
 * online window ago. Days, weeks and months are those of the site's zone. With a
 * {@linkplain Builder#visitorBudget(int) visitor budget}, one address creates at most that many new
 * visitors per hour; its further new visitors' hits are page views only.
 *
 * <p>All methods are thread-safe. {@link #record(Hit)} only touches memory; a background flusher
 * writes additive deltas to the {@link VisitStore}. Create one counter per site and
 * {@link #close()} it at shutdown: a restart on the same store then continues with identical
 * figures, including who is online and whose visit is open. Each flush writes the active visitors
 * that changed together with the counts, so a crash (no close) loses only the hits since the last
 * flush: the open visits and viewed articles of that flush survive, and nothing is counted twice.
 *
 * <p>Several processes (servers behind one load balancer) may each run a counter on one shared
 * store, such as one PostgreSQL database: each flush also loads what the others wrote since, so
 * every process shows the same figures, the sum of what all counted, within two flush intervals.
 * They agree on each day's visitor salt through the store, so a process that restarts continues the
 * visits it had open. Online counts stay per process, and a visitor's open visit is known only to the
 * process that saw their hits, so route each client to one process (sticky sessions by address).
 *
 * <p>Memory is bounded by {@link Builder#maxTrackedVisitors(int)}. A visitor takes one unit of that
 * cap plus one per 4 articles viewed in their open visit, so a unit stands for a bounded number of
 * bytes whatever they read (held, and at its peak while a flush writes it or a restart restores it;
 * the figures are in docs/benchmarks.md), and the default cap, derived from the heap, keeps the
 * visitors within a quarter of it. Add a fixed 2.4 MB per CPU (at most four, and at most about 15 MB in all) for the online
 * counts of the default five-minute window, and about 100 bytes per article ever viewed for the
 * all-time views. At most 256 distinct articles count as viewed in one visit (beyond that a visitor
 * is a scraper, not a reader): further articles of that visit are counted as page views but not as
 * article views.
 */
public interface VisitCounter extends AutoCloseable {

    /** A builder with the defaults: system UTC clock, Asia/Ho_Chi_Minh, 5 min online, 30 min visits. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Counts one hit in memory; never blocks on I/O.
     *
     * @return what the hit counted as
     * @throws NullPointerException if hit is null
     * @throws IllegalStateException if the counter is closed
     */
    HitOutcome record(Hit hit);

    /**
     * The figures of the statistics box as of now, including hits not yet flushed. Cheap: reads
     * memory only. Consistent with respect to flushes and day changes; a hit recorded concurrently
     * with this call may be partly reflected.
     */
    VisitStats stats();

    /**
     * One entry per day from {@code from} to {@code to} inclusive, days without hits as zeros,
     * including unflushed hits. Reads the store.
     *
     * @throws NullPointerException if from or to is null
     * @throws IllegalArgumentException if to is before from or the range spans more than 366 days
     * @throws VisitStoreException if the store cannot be read
     */
    List<DailyCount> daily(LocalDate from, LocalDate to);

    /**
     * All-time views of one article, including unflushed ones; 0 for an article never viewed.
     * Reads memory only (the per-article totals are loaded once when the counter is built), so it
     * never waits for the store or a running flush.
     *
     * @throws IllegalArgumentException if articleId is not positive
     */
    long views(long articleId);

    /**
     * All-time views of several articles; every requested id is a key of the result. Reads memory
     * only, like {@link #views(long)}.
     *
     * @throws NullPointerException if articleIds or an id is null
     * @throws IllegalArgumentException if an id is not positive
     */
    Map<Long, Long> views(Collection<Long> articleIds);

    /**
     * The most viewed articles with views between {@code from} and {@code to} inclusive, by views
     * descending then id ascending, at most {@code limit}.
     *
     * @throws NullPointerException if from or to is null
     * @throws IllegalArgumentException if to is before from or limit is outside 1..1000
     * @throws VisitStoreException if the store cannot be read
     */
    List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit);

    /**
     * The values of {@code dimension} with the most visits between {@code from} and {@code to}
     * inclusive, including unflushed hits, by visits descending then value ascending, at most
     * {@code limit}. See {@link Dimension} for what is counted.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if to is before from, the range spans more than 366 days or
     *     limit is outside 1..1000
     * @throws VisitStoreException if the store cannot be read
     */
    List<DimensionCount> breakdown(Dimension dimension, LocalDate from, LocalDate to, int limit);

    /**
     * The largest baseline, 10^15: a thousand times the visits of the busiest portals' lifetimes, yet
     * far enough below {@link Long#MAX_VALUE} that baseline plus counted visits cannot overflow.
     */
    long MAX_BASELINE = 1_000_000_000_000_000L;

    /**
     * Sets the legacy total added to all visits ever counted; persisted with the next flush.
     * Setting the current value again changes nothing. A stored baseline outside
     * 0..{@link #MAX_BASELINE} (written before the cap) is clamped when read, with a warning.
     *
     * @throws IllegalArgumentException if total is negative or above {@link #MAX_BASELINE}
     */
    void setBaseline(long total);

    /** The current baseline. */
    long baseline();

    /** The site's zone, which defines days, weeks and months. */
    ZoneId zone();

    /** Flush and store health, for monitoring. */
    CounterMetrics metrics();

    /**
     * Writes every unflushed delta to the store now, in one transaction.
     *
     * @throws VisitStoreException if the store failed; the deltas stay in memory for the next flush
     */
    void flush();

    /**
     * Stops the flusher and flushes (counts, active visitors and salts), so that a restart on the
     * same store continues with identical figures. A failing final flush is retried a few times with
     * backoff (about 1.5 s in all); if it still fails, the counts that could not be saved are logged
     * once at ERROR. Idempotent; {@link #record(Hit)} throws afterwards.
     *
     * @throws VisitStoreException if the final flush failed every attempt; its deltas are then lost
     */
    @Override
    void close();

    /**
     * Configures a {@link VisitCounter}. Each option may be set once; {@link #build()} validates
     * them all and names the bad value. Not thread-safe.
     */
    final class Builder {

        private Clock clock;
        private ZoneId zone;
        private Duration onlineWindow;
        private Duration visitTimeout;
        private DayOfWeek firstDayOfWeek;
        private Duration flushInterval;
        private Integer maxTrackedVisitors;
        private Integer visitorBudget;
        private VisitStore store;
        private List<String> excludedNetworks;
        private BotRules botRules;
        private Sleeper sleeper;
        private List<String> ownHosts;
        private Boolean countDimensions;

        private Builder() {
        }

        /** The clock all times come from; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The site's zone; default Asia/Ho_Chi_Minh. */
        public Builder zone(ZoneId zone) {
            requireUnset(this.zone, "zone");
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** How recent a visitor's last hit must be to count as online; default 5 min, 1 s to 30 min. */
        public Builder onlineWindow(Duration onlineWindow) {
            requireUnset(this.onlineWindow, "onlineWindow");
            this.onlineWindow = Objects.requireNonNull(onlineWindow, "onlineWindow");
            return this;
        }

        /** Inactivity after which a hit starts a new visit; default 30 min, 1 s to 24 h. */
        public Builder visitTimeout(Duration visitTimeout) {
            requireUnset(this.visitTimeout, "visitTimeout");
            this.visitTimeout = Objects.requireNonNull(visitTimeout, "visitTimeout");
            return this;
        }

        /** The first day of a week for "this week"; default Monday. */
        public Builder firstDayOfWeek(DayOfWeek firstDayOfWeek) {
            requireUnset(this.firstDayOfWeek, "firstDayOfWeek");
            this.firstDayOfWeek = Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
            return this;
        }

        /**
         * How often the background flusher writes; default 1 s, 10 ms to 1 h. {@link Duration#ZERO}
         * disables it: then only {@link VisitCounter#flush()} and {@link VisitCounter#close()} write.
         */
        public Builder flushInterval(Duration flushInterval) {
            requireUnset(this.flushInterval, "flushInterval");
            this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
            return this;
        }

        /**
         * The most visitors held in memory; by default derived from the heap when the counter is
         * built ({@link Runtime#maxMemory()}): a quarter of it, divided by what a unit of the cap
         * takes at its peak (measured, see docs/benchmarks.md), e.g. about 70,000 at {@code -Xmx96m}
         * and 740,000 at {@code -Xmx1g}, at least 1,000. A visitor counts as one plus one per 4 articles viewed
         * in their open visit, so the cap bounds bytes, not just entries. Beyond it the cache forgets
         * the visitors its policy ranks least valuable (rarely and not recently seen): they are counted
         * as dropped ({@link CounterMetrics#droppedVisitors()}), stop counting as online, and their
         * next hit starts a new visit. A restart restores at most this many of the saved window, the
         * most recent first. Memory stays bounded either way.
         */
        public Builder maxTrackedVisitors(int maxTrackedVisitors) {
            requireUnset(this.maxTrackedVisitors, "maxTrackedVisitors");
            this.maxTrackedVisitors = maxTrackedVisitors;
            return this;
        }

        /**
         * The most new visitors one client network may create per hour; default 0, no budget. A
         * network is an IPv4 address or an IPv6 /64; the hours are fixed hours of the clock (the
         * budget refills at the start of each hour). Visitors already tracked keep counting as
         * usual; a hit that would create one more is counted only as a page view
         * ({@link HitOutcome#OVER_BUDGET}): no visit, not online, no article view. The bookkeeping
         * takes a fixed 1 MiB and keeps no address (see {@link CounterMetrics#overBudgetHits()}).
         * Hits with a host-provided visitor id count against their IP's budget too.
         */
        public Builder visitorBudget(int newVisitorsPerHour) {
            requireUnset(this.visitorBudget, "visitorBudget");
            this.visitorBudget = newVisitorsPerHour;
            return this;
        }

        /**
         * Where deltas are persisted; default a new {@link InMemoryVisitStore} whose saved window is
         * bounded by the cap ({@link InMemoryVisitStore#InMemoryVisitStore(int)}).
         */
        public Builder store(VisitStore store) {
            requireUnset(this.store, "store");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * IP networks whose hits count nothing, as CIDRs ({@code 10.0.0.0/8}, {@code 2001:db8::/32})
         * or single addresses; default none.
         */
        public Builder excludedNetworks(Collection<String> cidrs) {
            requireUnset(this.excludedNetworks, "excludedNetworks");
            this.excludedNetworks = new ArrayList<>(Objects.requireNonNull(cidrs, "excludedNetworks"));
            return this;
        }

        /** The bot rules; default {@link BotRules#standard()}. */
        public Builder botRules(BotRules botRules) {
            requireUnset(this.botRules, "botRules");
            this.botRules = Objects.requireNonNull(botRules, "botRules");
            return this;
        }

        /**
         * The site's own host names ({@code example.vn}; {@code www.} is ignored): a visit referred by
         * one of them counts under {@link Dimension#INTERNAL} rather than under the host; default none.
         */
        public Builder ownHosts(Collection<String> hosts) {
            requireUnset(this.ownHosts, "ownHosts");
            List<String> copy = new ArrayList<>();
            for (String h : Objects.requireNonNull(hosts, "ownHosts")) {
                copy.add(ReferrerDomains.normalizeOwnHost(Objects.requireNonNull(h, "ownHosts element")));
            }
            this.ownHosts = copy;
            return this;
        }

        /**
         * Whether visits are also counted by the value of each {@link Dimension} (referrer domain,
         * device class), for {@link VisitCounter#breakdown}; default true. Off, a new visit derives
         * nothing and the breakdowns stay empty.
         */
        public Builder countDimensions(boolean enabled) {
            requireUnset(this.countDimensions, "countDimensions");
            this.countDimensions = enabled;
            return this;
        }

        /** How close() waits between retries of its final flush; tests inject a fake. */
        Builder sleeper(Sleeper sleeper) {
            requireUnset(this.sleeper, "sleeper");
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Validates the options, loads the store's figures and the saved window, and starts the
         * flusher.
         *
         * @throws IllegalArgumentException if an option is out of range, naming it and its value
         * @throws VisitStoreException if the store cannot be read
         */
        public VisitCounter build() {
            Duration window = onlineWindow == null ? Duration.ofMinutes(5) : onlineWindow;
            Duration timeout = visitTimeout == null ? Duration.ofMinutes(30) : visitTimeout;
            Duration interval = flushInterval == null ? Duration.ofSeconds(1) : flushInterval;
            int cap = maxTrackedVisitors == null ? VisitorCap.forThisJvm() : maxTrackedVisitors;
            int perHour = visitorBudget == null ? 0 : visitorBudget;
            requireRange("onlineWindow", window, Duration.ofSeconds(1), Duration.ofMinutes(30));
            requireRange("visitTimeout", timeout, Duration.ofSeconds(1), Duration.ofHours(24));
            if (!interval.isZero()) {
                requireRange("flushInterval", interval, Duration.ofMillis(10), Duration.ofHours(1));
            }
            if (cap < 1) {
                throw new IllegalArgumentException("maxTrackedVisitors must be at least 1, got " + cap);
            }
            if (perHour < 0) {
                throw new IllegalArgumentException("visitorBudget must be 0 (none) or positive, got " + perHour);
            }
            List<Cidr> networks = new ArrayList<>();
            if (excludedNetworks != null) {
                for (String cidr : excludedNetworks) {
                    try {
                        networks.add(Cidr.parse(cidr));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("excludedNetworks: " + e.getMessage(), e);
                    }
                }
            }
            CounterSettings settings = new CounterSettings(
                    clock == null ? Clock.systemUTC() : clock,
                    zone == null ? ZoneId.of("Asia/Ho_Chi_Minh") : zone,
                    window.toMillis(), timeout.toMillis(),
                    firstDayOfWeek == null ? DayOfWeek.MONDAY : firstDayOfWeek,
                    interval, cap, perHour,
                    store == null ? new InMemoryVisitStore(cap) : store,
                    List.copyOf(networks),
                    botRules == null ? BotRules.standard() : botRules,
                    sleeper == null ? Sleeper.SYSTEM : sleeper,
                    ownHosts == null ? Set.of() : Set.copyOf(ownHosts),
                    countDimensions == null || countDimensions);
            return new CountingEngine(settings);
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }

        private static void requireRange(String name, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            if (value.toNanos() % 1_000_000 != 0) {
                throw new IllegalArgumentException(name + " must be whole milliseconds, got " + value);
            }
        }
    }
}
