package io.bantin.visit;

import java.time.Instant;
import java.util.Objects;

/**
 * The figures of the visit statistics box, all taken at one instant.
 *
 * @param online distinct visitors whose last hit is less than the online window ago
 * @param today visits started today (site zone)
 * @param yesterday visits started yesterday
 * @param thisWeek visits started since the first day of this week, today included
 * @param thisMonth visits started since the first of this month, today included
 * @param total the baseline plus every visit ever counted
 * @param pageViewsToday counted hits today
 * @param botsToday bot hits today
 * @param asOf the instant these figures describe
 */
public record VisitStats(long online, long today, long yesterday, long thisWeek, long thisMonth,
                         long total, long pageViewsToday, long botsToday, Instant asOf) {

    /**
     * Validates the figures.
     *
     * @throws NullPointerException if asOf is null
     * @throws IllegalArgumentException if a figure is negative, naming it
     */
    public VisitStats {
        Objects.requireNonNull(asOf, "asOf");
        requireNonNegative("online", online);
        requireNonNegative("today", today);
        requireNonNegative("yesterday", yesterday);
        requireNonNegative("thisWeek", thisWeek);
        requireNonNegative("thisMonth", thisMonth);
        requireNonNegative("total", total);
        requireNonNegative("pageViewsToday", pageViewsToday);
        requireNonNegative("botsToday", botsToday);
    }

    static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
