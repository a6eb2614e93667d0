package io.bantin.visit;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts, per millisecond and per second, how many tracked visitors had their last hit then, so that
 * "online" (last hit less than the window ago) is exact to the millisecond and costs
 * O(window in seconds + 1000) to read, independent of the number of visitors and of when the cache
 * evicts expired entries.
 *
 * <p>Both rings span the same period of whole seconds. Each slot packs a 32-bit generation (which
 * lap of the ring it belongs to) with a 32-bit count, so a slot left over from an earlier lap is
 * recognised as stale and reset lock-free instead of needing a sweeper. Thread-safe.
 */
final class OnlineRing {

    private static final long COUNT_MASK = 0xffff_ffffL;

    private final long windowMillis;
    private final long seconds;
    private final long periodMillis;
    private final AtomicLongArray perSecond;
    private final AtomicLongArray perMilli;

    OnlineRing(long windowMillis) {
        this.windowMillis = windowMillis;
        // The window's seconds, plus the partial boundary second, plus one spare.
        this.seconds = (windowMillis + 999) / 1000 + 2;
        this.periodMillis = seconds * 1000L;
        this.perSecond = new AtomicLongArray((int) seconds);
        this.perMilli = new AtomicLongArray((int) periodMillis);
    }

    /** A visitor's last hit is now at {@code millis}. */
    void add(long millis) {
        // Both rings span the same period, so one division gives the lap and both slot indexes.
        long generation = Math.floorDiv(millis, periodMillis);
        int milli = (int) (millis - generation * periodMillis);
        increment(perSecond, milli / 1000, generation);
        increment(perMilli, milli, generation);
    }

    /** A visitor whose last hit was at {@code millis} is gone (or moved on to a later hit). */
    void remove(long millis) {
        long generation = Math.floorDiv(millis, periodMillis);
        int milli = (int) (millis - generation * periodMillis);
        decrement(perSecond, milli / 1000, generation);
        decrement(perMilli, milli, generation);
    }

    /** A visitor's last hit moves from {@code from} to {@code to}. */
    void move(long from, long to) {
        if (from != to) {
            add(to);
            remove(from);
        }
    }

    /** Visitors whose last hit t satisfies {@code now - t < window} and {@code t <= now}. */
    long count(long now) {
        long cutoff = now - windowMillis;
        long nowSecond = Math.floorDiv(now, 1000);
        long cutoffSecond = Math.floorDiv(cutoff, 1000);
        long sum = 0;
        for (long s = cutoffSecond + 1; s < nowSecond; s++) {
            long ms = s * 1000;
            long generation = Math.floorDiv(ms, periodMillis);
            sum += read(perSecond, (int) (ms - generation * periodMillis) / 1000, generation);
        }
        // The current second may hold hits stamped after now by a racing thread: count by millisecond.
        sum += sumMillis(nowSecond * 1000, now);
        // The boundary second is only partly inside the window.
        sum += sumMillis(cutoff + 1, Math.min(cutoffSecond * 1000 + 999, now));
        return sum;
    }

    private long sumMillis(long from, long to) {
        long sum = 0;
        for (long ms = from; ms <= to; ms++) {
            long generation = Math.floorDiv(ms, periodMillis);
            sum += read(perMilli, (int) (ms - generation * periodMillis), generation);
        }
        return sum;
    }

    private static void increment(AtomicLongArray slots, int index, long generation) {
        while (true) {
            long current = slots.get(index);
            long slotGeneration = current >>> 32;
            long next;
            if (slotGeneration == generation) {
                next = current + 1;
            } else if (slotGeneration < generation) {
                next = generation << 32 | 1;
            } else {
                return; // the hit is older than the ring's period: it cannot be online any more
            }
            if (slots.compareAndSet(index, current, next)) {
                return;
            }
        }
    }

    private static void decrement(AtomicLongArray slots, int index, long generation) {
        while (true) {
            long current = slots.get(index);
            if (current >>> 32 != generation || (current & COUNT_MASK) == 0) {
                return; // the slot was recycled for a later lap: nothing of that hit is left to remove
            }
            if (slots.compareAndSet(index, current, current - 1)) {
                return;
            }
        }
    }

    private static long read(AtomicLongArray slots, int index, long generation) {
        long current = slots.get(index);
        return current >>> 32 == generation ? current & COUNT_MASK : 0;
    }
}
