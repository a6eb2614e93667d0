package io.bantin.visit;

/**
 * Addition of counts that stops at {@link Long#MAX_VALUE} instead of wrapping to a negative
 * number. A count that large is nonsense (a store edited by hand), but a wrapped one is worse: it
 * breaks {@link VisitStats}' rule that figures are never negative and so every page that shows
 * them. Thread-safe (stateless).
 */
final class Saturating {
    private Saturating() {
    }

    /** {@code a + b} for non-negative counts, or {@link Long#MAX_VALUE} when that overflows. */
    static long add(long a, long b) {
        long sum = a + b;
        // Overflow only when both have the sign the result lacks.
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
