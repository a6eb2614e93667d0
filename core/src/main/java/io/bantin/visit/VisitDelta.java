package io.bantin.visit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one flush adds to a {@link VisitStore}: amounts to add (never to set), so several processes
 * can write into one database, plus the baseline when it changed.
 *
 * @param days per-day amounts to add
 * @param articleDays per-article-per-day views to add
 * @param baseline the new baseline, or empty when unchanged since the last flush
 */
public record VisitDelta(List<DailyCount> days, List<ArticleDayViews> articleDays, OptionalLong baseline) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a component is null
     */
    public VisitDelta {
        days = List.copyOf(days);
        articleDays = List.copyOf(articleDays);
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Whether applying this delta would change nothing. */
    public boolean isEmpty() {
        return days.isEmpty() && articleDays.isEmpty() && baseline.isEmpty();
    }
}
