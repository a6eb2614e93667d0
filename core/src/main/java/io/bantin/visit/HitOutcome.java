package io.bantin.visit;

/** What {@link VisitCounter#record(Hit)} did with a hit. */
public enum HitOutcome {
    /** The hit started a new visit; it is also a page view. */
    NEW_VISIT,
    /** The hit continued an open visit and counted as a page view. */
    PAGE_VIEW,
    /**
     * The hit would have been a new visitor from an address that already created its budget of new
     * visitors this hour ({@link VisitCounter.Builder#visitorBudget(int)}): counted as a page view
     * only, not as a visit, not online, not as an article view.
     */
    OVER_BUDGET,
    /** The hit came from a bot: tallied as such, counted nowhere else. */
    BOT,
    /** The hit was excluded (flag or excluded network) and counted nothing. */
    EXCLUDED,
    /**
     * The hit carried malformed client input ({@link Hit#invalidReason()}): counted nothing but
     * {@link CounterMetrics#invalidHits()}.
     */
    INVALID
}
