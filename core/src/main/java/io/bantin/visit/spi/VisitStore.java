package io.bantin.visit.spi;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.VisitCounter;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link VisitCounter} persists what it counted. The counter aggregates in memory and calls
 * {@link #apply(VisitDelta)} from one thread at a time; it reads at startup, for history queries and
 * after its flushes, never on {@link VisitCounter#stats()} or {@link VisitCounter#views(long)}.
 *
 * <p>Counts are written as additions so that several processes can share one database (each then
 * learns of the others' writes through {@link #appliedByOthers(long)}); the active visitor window
 * travels in the same delta, so the stored window always matches the stored counts.
 * Implementations must be thread-safe and signal every failure as a {@link VisitStoreException}.
 */
public interface VisitStore {

    /**
     * Applies the delta atomically: adds its amounts (also its {@link VisitDelta#dimensionDays()}), sets the baseline if present, adds the given
     * salts of days it holds no salt for and deletes its salts of days before the earliest given
     * (if any are given), upserts its visitors and deletes visitors last seen before
     * {@link VisitDelta#forgetVisitorsBefore()}. Either all of it is persisted or none of it. A
     * sequenced delta whose {@link VisitDelta#sequence()} is not above the writer's recorded one is
     * skipped; otherwise the new number is recorded in the same transaction.
     *
     * @throws VisitStoreException if it could not be persisted; nothing was applied
     */
    void apply(VisitDelta delta);

    /**
     * The latest sequence number applied for the writer, 0 when none: after an apply whose outcome is
     * unknown, tells whether it was committed.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    long appliedSequence(long writer);

    /**
     * A number that grows whenever a counter other than {@code writer} applies a sequenced delta (the
     * sum of every other writer's latest sequence number). Counters that share a store compare it
     * from flush to flush: when it moved, another process wrote, and the counter reloads the figures
     * it answers from memory. The default, for a store that is never shared, is always 0.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    default long appliedByOthers(long writer) {
        return 0;
    }

    /**
     * The salt that every counter sharing this store uses for {@code proposed.day()}: the one the
     * store holds for that day, or else {@code proposed}, which it then holds (atomically: of two
     * counters proposing at once, both get the same salt). Counters agree on tomorrow's salt this way
     * before midnight. The default, for a store that is never shared, holds nothing and returns
     * {@code proposed}.
     *
     * @throws VisitStoreException if the store cannot be read or written
     */
    default VisitorSalt agreeSalt(VisitorSalt proposed) {
        return proposed;
    }

    /**
     * The stored baseline, 0 when none was ever set.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    long baseline();

    /**
     * The sum of visits over all stored days.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    long totalVisits();

    /**
     * The stored days between from and to inclusive, ascending; days without a row are left out.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    List<DailyCount> daily(LocalDate from, LocalDate to);

    /**
     * All-time views of the given articles; articles never viewed may be left out.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    Map<Long, Long> articleViews(Collection<Long> articleIds);

    /**
     * All-time views of every article ever viewed, in one read; the counter loads them once at
     * startup and then answers {@link VisitCounter#views(long)} from memory.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    Map<Long, Long> allArticleViews();

    /**
     * Views of the given articles between from and to inclusive; articles never viewed may be left out.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    Map<Long, Long> articleViews(Collection<Long> articleIds, LocalDate from, LocalDate to);

    /**
     * The {@code limit} most viewed articles between from and to inclusive, by views descending and
     * then by id ascending.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit);

    /**
     * The {@code limit} values of {@code dimension} with the most visits between from and to
     * inclusive, by visits descending and then by value ascending. The default, for a store that
     * keeps no breakdowns, has none.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    default List<DimensionCount> topValues(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        return List.of();
    }

    /**
     * Visits with each of the given values of {@code dimension} between from and to inclusive; values
     * without visits may be left out. The default, for a store that keeps no breakdowns, has none.
     *
     * @throws VisitStoreException if the store cannot be read
     */
    default Map<String, Long> dimensionVisits(Dimension dimension, Collection<String> values, LocalDate from,
                                              LocalDate to) {
        return Map.of();
    }

    /**
     * The stored window: the live salts and the visitors of the last applied deltas, so that a
     * restart (graceful or not) continues with the same open visits and online visitors.
     *
     * @return empty when no salt is stored
     * @throws VisitStoreException if the store cannot be read
     */
    Optional<WindowSnapshot> loadWindow();

    /**
     * The stored window with at most {@code maxVisitors} visitors, those with the latest hits: a
     * counter restores no more than its cap, and a store may hold many more (visitors the cap made
     * the counter forget stay stored until they expire). The default trims {@link #loadWindow()};
     * a store whose window can outgrow the heap answers with only those it returns.
     *
     * @throws IllegalArgumentException if maxVisitors is negative
     * @throws VisitStoreException if the store cannot be read
     */
    default Optional<WindowSnapshot> loadWindow(int maxVisitors) {
        if (maxVisitors < 0) {
            throw new IllegalArgumentException("maxVisitors must not be negative, got " + maxVisitors);
        }
        return loadWindow().map(w -> w.visitors().size() <= maxVisitors ? w
                : new WindowSnapshot(w.takenAt(), w.salts(), w.visitors().stream()
                        .sorted(java.util.Comparator.comparing(ActiveVisitor::lastHit).reversed())
                        .limit(maxVisitors).toList()));
    }
}
