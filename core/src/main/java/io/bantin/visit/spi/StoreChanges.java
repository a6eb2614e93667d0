package io.bantin.visit.spi;

import io.bantin.visit.DailyCount;
import java.util.List;
import java.util.Map;

/**
 * What changed in a {@link VisitStore} since a change number, as {@link VisitStore#changesSince} reads
 * it: everything a counter needs to set the figures it answers from memory to what the store holds,
 * read at a cost that grows with what changed, never with the history. Immutable.
 *
 * @param number the store's change number as of this read: pass it to the next call
 * @param days the full stored figures of every day changed since, ascending
 * @param articleViews the all-time views of every article whose views changed since
 * @param baseline the stored baseline, 0 when none was ever set
 * @param totalVisits the stored visits of all days
 * @param lastHits by visitor key, the latest end of their stored intervals changed since that end at
 *     or after the instant asked for, leaving out visitors carried over to the next day's key: who is
 *     online through hits other counters saw
 */
public record StoreChanges(long number, List<DailyCount> days, Map<Long, Long> articleViews, long baseline,
                           long totalVisits, Map<Long, Long> lastHits) {

    /** Copies the collections. */
    public StoreChanges {
        days = List.copyOf(days);
        articleViews = Map.copyOf(articleViews);
        lastHits = Map.copyOf(lastHits);
    }
}
