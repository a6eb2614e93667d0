package io.bantin.visit;

import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.VisitDelta;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link VisitStore} that keeps everything on the heap: the default store, and a reference for
 * other implementations. Thread-safe (every method is synchronized); lost when the JVM exits.
 */
public final class InMemoryVisitStore implements VisitStore {

    private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
    private final Map<Long, TreeMap<LocalDate, Long>> articles = new HashMap<>();
    /** Visits by dimension, then value, then day. */
    private final Map<Dimension, Map<String, TreeMap<LocalDate, Long>>> dimensions = new EnumMap<>(Dimension.class);
    private long baseline;
    private final TreeMap<LocalDate, VisitorSalt> salts = new TreeMap<>();
    private final Map<Long, ActiveVisitor> visitors = new HashMap<>();
    private final Map<Long, Long> sequences = new HashMap<>();
    private final int maxWindowVisitors;

    /**
     * An empty store whose saved window holds every visitor the counter writes until they expire:
     * after a flood of distinct visitors that is all of them, far more than the counter's cap.
     */
    public InMemoryVisitStore() {
        this.maxWindowVisitors = Integer.MAX_VALUE;
    }

    /**
     * An empty store whose saved window keeps only the {@code maxWindowVisitors} most recent visitors
     * (a counter restores no more than its cap anyway), so that it holds at most about 1.25 times
     * that many: the default store of a counter built without one, bounded by the counter's cap.
     *
     * @throws IllegalArgumentException if maxWindowVisitors is not positive
     */
    public InMemoryVisitStore(int maxWindowVisitors) {
        if (maxWindowVisitors < 1) {
            throw new IllegalArgumentException("maxWindowVisitors must be positive, got " + maxWindowVisitors);
        }
        this.maxWindowVisitors = maxWindowVisitors;
    }

    @Override
    public synchronized void apply(VisitDelta delta) {
        if (delta.sequence() > 0) {
            if (sequences.getOrDefault(delta.writer(), 0L) >= delta.sequence()) {
                return; // already applied: a retry of a flush whose success went unreported
            }
            sequences.put(delta.writer(), delta.sequence());
        }
        for (DailyCount d : delta.days()) {
            long[] row = days.computeIfAbsent(d.date(), k -> new long[3]);
            row[0] += d.visits();
            row[1] += d.pageViews();
            row[2] += d.bots();
        }
        for (ArticleDayViews a : delta.articleDays()) {
            articles.computeIfAbsent(a.articleId(), k -> new TreeMap<>()).merge(a.date(), a.views(), Long::sum);
        }
        for (DimensionDayCount d : delta.dimensionDays()) {
            dimensions.computeIfAbsent(d.dimension(), k -> new HashMap<>())
                    .computeIfAbsent(d.value(), k -> new TreeMap<>()).merge(d.date(), d.visits(), Long::sum);
        }
        delta.baseline().ifPresent(b -> baseline = b);
        if (!delta.salts().isEmpty()) {
            LocalDate earliest = delta.salts().stream().map(VisitorSalt::day).min(LocalDate::compareTo).orElseThrow();
            salts.headMap(earliest).clear();
            for (VisitorSalt salt : delta.salts()) {
                salts.putIfAbsent(salt.day(), salt);
            }
        }
        for (ActiveVisitor v : delta.visitors()) {
            visitors.put(v.key(), v);
        }
        // Trimmed in steps of a quarter of the bound, so that the sort is paid once per many visitors.
        if (visitors.size() > maxWindowVisitors + (long) Math.max(1, maxWindowVisitors / 4)) {
            List<ActiveVisitor> oldestFirst = new ArrayList<>(visitors.values());
            oldestFirst.sort(Comparator.comparing(ActiveVisitor::lastHit));
            for (ActiveVisitor v : oldestFirst.subList(0, oldestFirst.size() - maxWindowVisitors)) {
                visitors.remove(v.key());
            }
        }
        if (delta.forgetVisitorsBefore().isAfter(Instant.EPOCH)) {
            visitors.values().removeIf(v -> v.lastHit().isBefore(delta.forgetVisitorsBefore()));
        }
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
    public synchronized long appliedByOthers(long writer) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : sequences.entrySet()) {
            sum += e.getKey() == writer ? 0 : e.getValue();
        }
        return sum;
    }

    @Override
    public synchronized long baseline() {
        return baseline;
    }

    @Override
    public synchronized long totalVisits() {
        return days.values().stream().mapToLong(r -> r[0]).sum();
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
            TreeMap<LocalDate, Long> history = articles.get(id);
            if (history != null) {
                result.put(id, history.values().stream().mapToLong(Long::longValue).sum());
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
        Instant takenAt = visitors.values().stream().map(ActiveVisitor::lastHit).max(Instant::compareTo).orElse(Instant.EPOCH);
        return Optional.of(new WindowSnapshot(takenAt, new ArrayList<>(salts.descendingMap().values()),
                new ArrayList<>(visitors.values())));
    }
}
