package io.bantin.visit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Health figures of a {@link VisitCounter} for monitoring (e.g. export to Micrometer).
 *
 * @param flushes successful flushes that wrote something
 * @param failedFlushes flushes whose store write failed (their deltas were kept)
 * @param failureStreak consecutive failed flushes right now; 0 when healthy
 * @param lastFlushDuration how long the last successful write took
 * @param lastSuccessfulFlush when the last successful write finished, or {@code null}
 * @param trackedVisitors visitors currently held in memory (approximate)
 * @param maxTrackedVisitors the cap on visitors held in memory, in units of weight (configured, or derived
 *     from the heap)
 * @param droppedVisitors visitors forgotten because the tracking cap was reached
 * @param overBudgetHits hits counted only as page views because their address had created its budget
 *     of new visitors for the hour ({@link HitOutcome#OVER_BUDGET}), since the counter started
 * @param overBudgetHitsToday the same, today (in the site's zone) since the counter started; not
 *     stored, so a restart starts it again from 0
 * @param invalidHits hits refused for malformed client input ({@link HitOutcome#INVALID}), since the
 *     counter started
 */
public record CounterMetrics(long flushes, long failedFlushes, long failureStreak, Duration lastFlushDuration,
                             Instant lastSuccessfulFlush, long trackedVisitors, long maxTrackedVisitors, long droppedVisitors,
                             long overBudgetHits, long overBudgetHitsToday, long invalidHits) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if lastFlushDuration is null
     */
    public CounterMetrics {
        Objects.requireNonNull(lastFlushDuration, "lastFlushDuration");
    }
}
