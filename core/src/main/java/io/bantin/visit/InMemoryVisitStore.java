package io.bantin.visit;

import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.StoreChanges;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitInterval;
import io.bantin.visit.spi.VisitIntervals;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VisitStore} that keeps everything on the heap: the default store, and a reference for
 * other implementations. Visit intervals are merged by {@link VisitIntervals}, as the SQL store
 * merges them, so several counters on one instance count as one. Thread-safe (every method is
 * synchronized); lost when the JVM exits.
 */
public final class InMemoryVisitStore implements VisitStore {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryVisitStore.class);

    private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
    private final Map<Long, TreeMap<LocalDate, Long>> articles = new HashMap<>();
    private final Map<Long, Long> articleTotals = new HashMap<>();
    /** Visits by dimension, then value, then day. */
    private final Map<Dimension, Map<String, TreeMap<LocalDate, Long>>> dimensions = new EnumMap<>(Dimension.class);
    private long baseline;
    private long totalVisits;
    private final TreeMap<LocalDate, VisitorSalt> salts = new TreeMap<>();
    /** The merged intervals by day, then visitor key. */
    private final TreeMap<LocalDate, Map<Long, List<VisitInterval>>> intervals = new TreeMap<>();
    private int storedVisitorDays;
    private final Map<Long, Long> sequences = new HashMap<>();
    private final int maxWindowVisitors;
    /** The change number: advanced by every apply that changes something. */
    private long changeNumber;
    private final Stamps<LocalDate> changedDays = new Stamps<>();
    private final Stamps<Long> changedArticles = new Stamps<>();
    private final Stamps<VisitorDay> changedIntervals = new Stamps<>();

    /**
     * An empty store that keeps every visitor's intervals of the last two days it was told to keep
     * ({@link VisitDelta#forgetIntervalsBefore()}): after a flood of distinct visitors that is all of
     * them, far more than the counter's cap.
     */
    public InMemoryVisitStore() {
        this.maxWindowVisitors = Integer.MAX_VALUE;
    }

    /**
     * An empty store that keeps the intervals of only the {@code maxWindowVisitors} most recently seen
     * (visitor, day)s, so that it holds at most about 1.25 times that many: the default store of a
     * counter built without one, bounded by the counter's cap. A visitor it forgot who comes back
     * within the timeout counts a new visit, as one the counter's cap made it forget does.
     *
     * @throws IllegalArgumentException if maxWindowVisitors is not positive
     */
    public InMemoryVisitStore(int maxWindowVisitors) {
        if (maxWindowVisitors < 1) {
            throw new IllegalArgumentException("maxWindowVisitors must be positive, got " + maxWindowVisitors);
        }
        this.maxWindowVisitors = maxWindowVisitors;
    }

    /** A visitor on a day: the unit intervals are merged in. */
    private record VisitorDay(LocalDate day, long key) {
    }

    /** Which keys changed at which change number, read back in time proportional to the changes. */
    private static final class Stamps<K> {
        private final Map<K, Long> stampOf = new HashMap<>();
        private final TreeMap<Long, Set<K>> byStamp = new TreeMap<>();

        void stamp(K key, long number) {
            Long previous = stampOf.put(key, number);
            if (previous != null) {
                Set<K> keys = byStamp.get(previous);
                keys.remove(key);
                if (keys.isEmpty()) {
                    byStamp.remove(previous);
                }
            }
            byStamp.computeIfAbsent(number, n -> new HashSet<>()).add(key);
        }

        void forget(K key) {
            Long previous = stampOf.remove(key);
            if (previous != null) {
                Set<K> keys = byStamp.get(previous);
                keys.remove(key);
                if (keys.isEmpty()) {
                    byStamp.remove(previous);
                }
            }
        }

        List<K> since(long number) {
            List<K> keys = new ArrayList<>();
            byStamp.tailMap(number, false).values().forEach(keys::addAll);
            return keys;
        }
    }

    @Override
    public synchronized void apply(VisitDelta delta) {
        if (delta.sequence() > 0) {
            if (sequences.getOrDefault(delta.writer(), 0L) >= delta.sequence()) {
                return; // already applied: a retry of a flush whose success went unreported
            }
            sequences.put(delta.writer(), delta.sequence());
        }
        long number = ++changeNumber;
        for (DailyCount d : delta.days()) {
            addDay(d.date(), d.visits(), d.pageViews(), d.bots(), number);
        }
        for (ArticleDayViews a : delta.articleDays()) {
            addArticle(a.articleId(), a.date(), a.views(), number);
        }
        for (DimensionDayCount d : delta.dimensionDays()) {
            addDimension(d.dimension(), d.value(), d.date(), d.visits());
        }
        mergeIntervals(delta, number);
        delta.baseline().ifPresent(b -> baseline = b);
        if (!delta.salts().isEmpty()) {
            LocalDate earliest = delta.salts().stream().map(VisitorSalt::day).min(LocalDate::compareTo).orElseThrow();
            salts.headMap(earliest).clear();
            for (VisitorSalt salt : delta.salts()) {
                salts.putIfAbsent(salt.day(), salt);
            }
        }
        if (delta.forgetIntervalsBefore().isAfter(LocalDate.MIN)) {
            Map<LocalDate, Map<Long, List<VisitInterval>>> old = intervals.headMap(delta.forgetIntervalsBefore());
            old.forEach((day, byKey) -> byKey.keySet().forEach(k -> changedIntervals.forget(new VisitorDay(day, k))));
            storedVisitorDays -= old.values().stream().mapToInt(Map::size).sum();
            old.clear();
        }
        trimWindow();
    }

    private void mergeIntervals(VisitDelta delta, long number) {
        Map<VisitorDay, List<VisitInterval>> incoming = new LinkedHashMap<>();
        for (VisitInterval i : delta.intervals()) {
            incoming.computeIfAbsent(new VisitorDay(i.day(), i.key()), k -> new ArrayList<>()).add(i);
        }
        long timeout = delta.visitTimeout().toMillis();
        long lowered = 0;
        long lowerings = 0;
        for (Map.Entry<VisitorDay, List<VisitInterval>> e : incoming.entrySet()) {
            VisitorDay vd = e.getKey();
            Map<Long, List<VisitInterval>> byKey = intervals.computeIfAbsent(vd.day(), d -> new HashMap<>());
            List<VisitInterval> stored = byKey.getOrDefault(vd.key(), List.of());
            VisitIntervals.Merge merge = VisitIntervals.merge(stored, e.getValue(), timeout);
            if (!merge.changed()) {
                continue;
            }
            if (byKey.put(vd.key(), merge.intervals()) == null) {
                storedVisitorDays++;
            }
            changedIntervals.stamp(vd, number);
            if (merge.lowers()) {
                lowerings++;
                lowered -= Math.min(0, merge.visits());
            }
            if (merge.visits() != 0) {
                addDay(vd.day(), merge.visits(), 0, 0, number);
            }
            merge.articleViews().forEach((id, n) -> addArticle(id, vd.day(), n, number));
            merge.dimensionVisits().forEach((d, values) -> values.forEach((v, n) -> addDimension(d, v, vd.day(), n)));
        }
        if (lowerings > 0) {
            LOG.warn("A flush joined visits that were stored apart ({} visitors, {} visits fewer): a counter was cut "
                    + "off from the store for longer than the visit timeout", lowerings, lowered);
        }
    }

    private void addDay(LocalDate day, long visits, long pageViews, long bots, long number) {
        long[] row = days.computeIfAbsent(day, k -> new long[3]);
        row[0] += visits;
        row[1] += pageViews;
        row[2] += bots;
        totalVisits += visits;
        changedDays.stamp(day, number);
    }

    private void addArticle(long id, LocalDate day, long views, long number) {
        articles.computeIfAbsent(id, k -> new TreeMap<>()).merge(day, views, Long::sum);
        articleTotals.merge(id, views, Long::sum);
        changedArticles.stamp(id, number);
    }

    private void addDimension(Dimension dimension, String value, LocalDate day, long visits) {
        dimensions.computeIfAbsent(dimension, k -> new HashMap<>())
                .computeIfAbsent(value, k -> new TreeMap<>()).merge(day, visits, Long::sum);
    }

    /** Trimmed in steps of a quarter of the bound, so that the sort is paid once per many visitors. */
    private void trimWindow() {
        if (storedVisitorDays <= maxWindowVisitors + (long) Math.max(1, maxWindowVisitors / 4)) {
            return;
        }
        List<Map.Entry<VisitorDay, Long>> oldestFirst = new ArrayList<>();
        intervals.forEach((day, byKey) -> byKey.forEach((key, list) ->
                oldestFirst.add(Map.entry(new VisitorDay(day, key), list.get(list.size() - 1).end()))));
        oldestFirst.sort(Map.Entry.comparingByValue());
        for (Map.Entry<VisitorDay, Long> e : oldestFirst.subList(0, oldestFirst.size() - maxWindowVisitors)) {
            intervals.get(e.getKey().day()).remove(e.getKey().key());
            changedIntervals.forget(e.getKey());
            storedVisitorDays--;
        }
    }

    @Override
    public synchronized StoreChanges changesSince(long number, Instant activeSince) {
        List<DailyCount> changed = new ArrayList<>();
        new TreeSet<>(changedDays.since(number)).forEach(d -> {
            long[] r = days.get(d);
            changed.add(new DailyCount(d, r[0], r[1], r[2]));
        });
        Map<Long, Long> views = new HashMap<>();
        for (Long id : changedArticles.since(number)) {
            views.put(id, articleTotals.get(id));
        }
        Map<Long, Long> lastHits = new HashMap<>();
        long since = activeSince.toEpochMilli();
        for (VisitorDay vd : changedIntervals.since(number)) {
            List<VisitInterval> list = intervals.get(vd.day()).get(vd.key());
            VisitInterval last = list.get(list.size() - 1);
            long end = last.end();
            // A visitor carried over to the next day's key is online under that key.
            if (end >= since && !last.carried()) {
                lastHits.merge(vd.key(), end, Math::max);
            }
        }
        return new StoreChanges(changeNumber, changed, views, baseline, totalVisits, lastHits);
    }

    @Override
    public synchronized long appliedSequence(long writer) {
        return sequences.getOrDefault(writer, 0L);
    }

    @Override
    public synchronized VisitorSalt agreeSalt(VisitorSalt proposed) {
        return salts.computeIfAbsent(proposed.day(), d -> proposed);
    }

    @Override
    public synchronized long baseline() {
        return baseline;
    }

    @Override
    public synchronized long totalVisits() {
        return totalVisits;
    }

    @Override
    public synchronized List<DailyCount> daily(LocalDate from, LocalDate to) {
        List<DailyCount> result = new ArrayList<>();
        days.subMap(from, true, to, true).forEach((d, r) -> result.add(new DailyCount(d, r[0], r[1], r[2])));
        return result;
    }

    @Override
    public synchronized Map<Long, Long> articleViews(Collection<Long> articleIds) {
        Map<Long, Long> result = new HashMap<>();
        for (Long id : articleIds) {
            Long views = articleTotals.get(id);
            if (views != null) {
                result.put(id, views);
            }
        }
        return result;
    }

    @Override
    public synchronized Map<Long, Long> allArticleViews() {
        return articleViews(articles.keySet());
    }

    @Override
    public synchronized Map<Long, Long> articleViews(Collection<Long> articleIds, LocalDate from, LocalDate to) {
        Map<Long, Long> result = new HashMap<>();
        for (Long id : articleIds) {
            TreeMap<LocalDate, Long> history = articles.get(id);
            if (history != null) {
                long sum = history.subMap(from, true, to, true).values().stream().mapToLong(Long::longValue).sum();
                if (sum > 0) {
                    result.put(id, sum);
                }
            }
        }
        return result;
    }

    @Override
    public synchronized List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        return articleViews(articles.keySet(), from, to).entrySet().stream()
                .map(e -> new ArticleViews(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ArticleViews::views).reversed()
                        .thenComparingLong(ArticleViews::articleId))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<DimensionCount> topValues(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        Map<String, TreeMap<LocalDate, Long>> byValue = dimensions.getOrDefault(dimension, Map.of());
        return dimensionVisits(dimension, byValue.keySet(), from, to).entrySet().stream()
                .map(e -> new DimensionCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(DimensionCount::visits).reversed()
                        .thenComparing(DimensionCount::value))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Map<String, Long> dimensionVisits(Dimension dimension, Collection<String> values,
                                                          LocalDate from, LocalDate to) {
        Map<String, TreeMap<LocalDate, Long>> byValue = dimensions.getOrDefault(dimension, Map.of());
        Map<String, Long> result = new HashMap<>();
        for (String value : values) {
            TreeMap<LocalDate, Long> history = byValue.get(value);
            if (history != null) {
                long sum = history.subMap(from, true, to, true).values().stream().mapToLong(Long::longValue).sum();
                if (sum > 0) {
                    result.put(value, sum);
                }
            }
        }
        return result;
    }

    @Override
    public synchronized Optional<WindowSnapshot> loadWindow() {
        if (salts.isEmpty()) {
            return Optional.empty();
        }
        List<VisitInterval> latest = new ArrayList<>();
        intervals.values().forEach(byKey -> byKey.values().forEach(list -> {
            VisitInterval last = list.get(list.size() - 1);
            if (!last.carried()) {
                latest.add(last); // a visitor carried over goes on under the next day's key
            }
        }));
        long takenAt = latest.stream().mapToLong(VisitInterval::end).max().orElse(0);
        return Optional.of(new WindowSnapshot(Instant.ofEpochMilli(takenAt), new ArrayList<>(salts.descendingMap().values()),
                latest));
    }
}
