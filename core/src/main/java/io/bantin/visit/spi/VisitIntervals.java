package io.bantin.visit.spi;

import io.bantin.visit.Dimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one rule by which a store merges the visits that several counters saw of one visitor on one
 * day. Two intervals belong to one visit exactly when they overlap or the gap between them is less
 * than the visit timeout: every two consecutive hits of the union are then less than the timeout
 * apart, and a gap of at least the timeout between intervals is a gap in the union. So the stored
 * truth for a (visitor, day) is the closure of every counter's intervals under that rule: visits =
 * the number of merged intervals; article views = for each merged interval, the union of its parts'
 * articles; dimension visits = each merged interval once, under the values of its earliest part.
 *
 * <p>The merge is a union: commutative, associative and idempotent, so the order in which counters
 * flush does not matter and sending an interval again changes nothing. Pure and thread-safe.
 */
public final class VisitIntervals {

    /**
     * Beyond this many distinct articles in one visit (a scraper, not a reader) none more count as
     * article views; the hits still count as page views.
     */
    public static final int MAX_ARTICLES_PER_VISIT = 256;

    /** Earliest first; of parts starting together, the one with values, then the smaller values. */
    private static final Comparator<VisitInterval> EARLIEST_FIRST = Comparator.comparingLong(VisitInterval::start)
            .thenComparing(VisitInterval::values, VisitIntervals::compareValues);

    private VisitIntervals() {
    }

    /**
     * What a merge gives: the stored intervals of the (visitor, day) from now on, earliest first, and
     * how the figures derived from them differ from those derived from the stored ones before.
     *
     * @param intervals the merged intervals, earliest first, none closer than the timeout
     * @param changed whether they differ from the stored ones, so the store must write them
     * @param visits the change in visits: positive for new visits, negative when an incoming interval
     *     bridged stored ones
     * @param articleViews the change in views by article id; only articles whose views changed
     * @param dimensionVisits the change in visits by dimension and value; only values that changed
     */
    public record Merge(List<VisitInterval> intervals, boolean changed, long visits, Map<Long, Long> articleViews,
                        Map<Dimension, Map<String, Long>> dimensionVisits) {

        /** Copies the collections. */
        public Merge {
            intervals = List.copyOf(intervals);
            articleViews = Map.copyOf(articleViews);
            Map<Dimension, Map<String, Long>> copy = new EnumMap<>(Dimension.class);
            dimensionVisits.forEach((d, values) -> copy.put(d, Map.copyOf(values)));
            dimensionVisits = java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * Whether the visits go down: an incoming interval bridged two stored visits (with them, the
         * views of articles viewed in both). A visit moving to the values of an earlier part is not a
         * lowering: one value loses what another gains.
         */
        public boolean lowers() {
            return visits < 0;
        }
    }

    /**
     * Merges what a counter sent for one visitor on one day into what the store holds for them.
     * Articles of stored parts keep their place under the cap before incoming ones, so that a visit
     * past the cap never trades a counted article for another.
     *
     * @param stored the intervals the store holds for the (visitor, day): merged, as this method returned
     *     them (any order)
     * @param incoming what a counter sent for the same (visitor, day), any number, any order, possibly
     *     already stored
     * @param timeoutMillis the visit timeout: intervals less than this apart are one visit
     * @throws NullPointerException if a list or an element is null
     * @throws IllegalArgumentException if the timeout is not positive or the intervals are not all of
     *     one visitor and one day
     */
    public static Merge merge(List<VisitInterval> stored, List<VisitInterval> incoming, long timeoutMillis) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(incoming, "incoming");
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, got " + timeoutMillis);
        }
        List<VisitInterval> storedSorted = new ArrayList<>(stored);
        storedSorted.sort(EARLIEST_FIRST);
        int storedCount = storedSorted.size();
        List<VisitInterval> all = new ArrayList<>(storedSorted);
        all.addAll(incoming);
        if (all.isEmpty()) {
            return new Merge(List.of(), false, 0, Map.of(), Map.of());
        }
        VisitInterval first = all.get(0);
        for (VisitInterval i : all) {
            if (i.key() != first.key() || !i.day().equals(first.day())) {
                throw new IllegalArgumentException("intervals to merge must be of one visitor and one day, got "
                        + first.day() + " and " + i.day() + (i.key() != first.key() ? " of two visitors" : ""));
            }
        }
        // Sort positions, not intervals, so that a group still knows which of its parts were stored.
        List<Integer> order = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(all::get, EARLIEST_FIRST));
        List<VisitInterval> merged = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        long groupEnd = Long.MIN_VALUE;
        for (int index : order) {
            VisitInterval part = all.get(index);
            if (!group.isEmpty() && part.start() - groupEnd >= timeoutMillis) {
                merged.add(join(all, group, storedCount));
                group.clear();
            }
            groupEnd = group.isEmpty() ? part.end() : Math.max(groupEnd, part.end());
            group.add(index);
        }
        merged.add(join(all, group, storedCount));

        Figures before = Figures.of(storedSorted);
        Figures after = Figures.of(merged);
        Map<Long, Long> articles = differenceOf(after.articles, before.articles);
        Map<Dimension, Map<String, Long>> dimensions = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            Map<String, Long> changed = differenceOf(after.dimension(d), before.dimension(d));
            if (!changed.isEmpty()) {
                dimensions.put(d, changed);
            }
        }
        return new Merge(merged, !merged.equals(storedSorted), merged.size() - (long) storedSorted.size(),
                articles, dimensions);
    }

    /**
     * One merged interval from a group of parts, given by position in {@code all} earliest first:
     * its start and values are those of the earliest part; stored parts' articles come first.
     */
    private static VisitInterval join(List<VisitInterval> all, List<Integer> group, int storedCount) {
        VisitInterval earliest = all.get(group.get(0));
        long end = earliest.end();
        long carriedTo = 0;
        LinkedHashSet<Long> articles = new LinkedHashSet<>();
        for (boolean storedPass : new boolean[] {true, false}) {
            for (int index : group) {
                VisitInterval part = all.get(index);
                end = Math.max(end, part.end());
                // Every counter carries one visitor over to the same key: any part's will do.
                carriedTo = carriedTo == 0 ? part.carriedTo() : carriedTo;
                if ((index < storedCount) == storedPass) {
                    for (Long id : part.articles()) {
                        if (articles.size() < MAX_ARTICLES_PER_VISIT) {
                            articles.add(id);
                        }
                    }
                }
            }
        }
        return new VisitInterval(earliest.key(), earliest.day(), earliest.start(), end, new ArrayList<>(articles),
                earliest.values(), carriedTo);
    }

    /** after minus before, key by key; only keys whose figure changed. */
    private static <K> Map<K, Long> differenceOf(Map<K, Long> after, Map<K, Long> before) {
        Map<K, Long> changed = new HashMap<>();
        after.forEach((k, n) -> changed.merge(k, n, Long::sum));
        before.forEach((k, n) -> changed.merge(k, -n, Long::sum));
        changed.values().removeIf(n -> n == 0);
        return changed;
    }

    /** The figures a list of merged intervals stands for. */
    private record Figures(Map<Long, Long> articles, Map<Dimension, Map<String, Long>> dimensions) {

        static Figures of(List<VisitInterval> intervals) {
            Map<Long, Long> articles = new HashMap<>();
            Map<Dimension, Map<String, Long>> dimensions = new EnumMap<>(Dimension.class);
            Dimension[] all = Dimension.values();
            for (VisitInterval i : intervals) {
                for (Long id : i.articles()) {
                    articles.merge(id, 1L, Long::sum);
                }
                for (int d = 0; d < i.values().size(); d++) {
                    dimensions.computeIfAbsent(all[d], k -> new HashMap<>()).merge(i.values().get(d), 1L, Long::sum);
                }
            }
            return new Figures(articles, dimensions);
        }

        Map<String, Long> dimension(Dimension d) {
            return dimensions.getOrDefault(d, Map.of());
        }
    }

    /** Values first, then the smaller ones element by element: a total order, so merges agree everywhere. */
    private static int compareValues(List<String> a, List<String> b) {
        if (a.isEmpty() != b.isEmpty()) {
            return a.isEmpty() ? 1 : -1;
        }
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The values in their stored text form: joined by U+001F, empty when there are none. */
    public static String valuesToText(List<String> values) {
        return String.join(String.valueOf(VisitInterval.VALUE_SEPARATOR), values);
    }

    /**
     * Values from their stored text form ({@link #valuesToText}).
     *
     * @throws NullPointerException if text is null
     */
    public static List<String> valuesFromText(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(text.split(String.valueOf(VisitInterval.VALUE_SEPARATOR), -1));
    }
}
