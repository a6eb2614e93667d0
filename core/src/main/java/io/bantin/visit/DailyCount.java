package io.bantin.visit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The figures of one day in the site's zone; also used as the additive delta a flush writes.
 *
 * @param date the day
 * @param visits visits started that day
 * @param pageViews counted hits that day
 * @param bots bot hits that day
 */
public record DailyCount(LocalDate date, long visits, long pageViews, long bots) {

    /**
     * Validates the figures.
     *
     * @throws NullPointerException if date is null
     * @throws IllegalArgumentException if a figure is negative, naming it
     */
    public DailyCount {
        Objects.requireNonNull(date, "date");
        VisitStats.requireNonNegative("visits", visits);
        VisitStats.requireNonNegative("pageViews", pageViews);
        VisitStats.requireNonNegative("bots", bots);
    }
}
