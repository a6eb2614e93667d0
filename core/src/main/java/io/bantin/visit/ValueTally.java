package io.bantin.visit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Unflushed visits by value of one {@link Dimension} on one day, with a cap on distinct values: once
 * {@code maxValues} are held, a new value counts as {@link Dimension#OTHER}. Values are never removed
 * before the day's bucket is dropped (a flush subtracts, leaving zeros), so the cap holds for the
 * whole day however often the counter flushes. Lock-free: striped adders in a concurrent map; racing
 * first hits of new values may pass the cap by at most the number of recording threads.
 */
final class ValueTally {

    private final int maxValues;
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    ValueTally(int maxValues) {
        this.maxValues = maxValues;
    }

    /** Counts one visit with {@code value}, or with {@link Dimension#OTHER} when the day is full. */
    void add(String value) {
        LongAdder adder = counts.get(value);
        if (adder == null) {
            String key = counts.size() >= maxValues ? Dimension.OTHER : value;
            adder = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    /** Calls {@code action} with each value whose unflushed count is positive. */
    void forEachPositive(BiConsumer<String, Long> action) {
        counts.forEach((value, adder) -> {
            long n = adder.sum();
            if (n > 0) {
                action.accept(value, n);
            }
        });
    }

    /** Subtracts what a flush wrote; the values stay, so the cap still counts them. */
    void subtract(Map<String, Long> written) {
        written.forEach((value, n) -> counts.get(value).add(-n));
    }

    /** Distinct values held, zeros included. */
    int distinctValues() {
        return counts.size();
    }

    /** Whether every count is zero. */
    boolean isEmpty() {
        for (LongAdder adder : counts.values()) {
            if (adder.sum() != 0) {
                return false;
            }
        }
        return true;
    }
}
