package io.bantin.visit;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts, per millisecond and per second, how many tracked visitors had their last hit then, so that
 * "online" (last hit less than the window ago) is exact to the millisecond and costs
 * O(window in seconds + 1000) to read, independent of the number of visitors and of when the cache
 * evicts expired entries.
 *
 * <p>Both rings span the same period of whole seconds. Each slot packs a 32-bit generation (which
 * lap of the ring it belongs to) with a signed 32-bit count, so a slot left over from an earlier lap
 * is recognised as stale and reset lock-free instead of needing a sweeper.
 *
 * <p>Every hit lands in the slot of "now", which would make that slot a point of contention between
 * threads; so the rings are striped and each thread writes to its own stripe. A visitor's hit may
 * move them out of a slot of another thread's stripe, so a stripe's count can be negative; only the
 * sum over stripes is meaningful, and it is exact. Thread-safe.
 */
final class OnlineRing {

    private final long windowMillis;
    private final long seconds;
    private final long periodMillis;
    private final int stripeMask;
    private final AtomicLongArray[] perSecond;
    private final AtomicLongArray[] perMilli;

    OnlineRing(long windowMillis) {
        this(windowMillis, Runtime.getRuntime().availableProcessors());
    }

    OnlineRing(long windowMillis, int threads) {
        this.windowMillis = windowMillis;
        // The window's seconds, plus the partial boundary second, plus one spare.
        this.seconds = (windowMillis + 999) / 1000 + 2;
        this.periodMillis = seconds * 1000L;
        int stripes = Integer.highestOneBit(Math.max(1, Math.min(4, threads)) * 2 - 1);
        // Each stripe costs 8 bytes per millisecond of the period: keep the total near 10 MB.
        stripes = Math.min(stripes, Integer.highestOneBit((int) Math.max(1, 1_250_000 / periodMillis)));
        this.stripeMask = stripes - 1;
        this.perSecond = new AtomicLongArray[stripes];
        this.perMilli = new AtomicLongArray[stripes];
        for (int i = 0; i < stripes; i++) {
            perSecond[i] = new AtomicLongArray((int) seconds);
            perMilli[i] = new AtomicLongArray((int) periodMillis);
        }
    }

    /** A visitor's last hit is now at {@code millis}. */
    void add(long millis) {
        update(millis, 1);
    }

    /** A visitor whose last hit was at {@code millis} is gone (or moved on to a later hit). */
    void remove(long millis) {
        update(millis, -1);
    }

    /** A visitor's last hit moves from {@code from} to {@code to}. */
    void move(long from, long to) {
        if (from != to) {
            update(to, 1);
            update(from, -1);
        }
    }

    private void update(long millis, int delta) {
        int stripe = (int) Thread.currentThread().getId() & stripeMask;
        // Both rings span the same period, so one division gives the lap and both slot indexes.
        long generation = Math.floorDiv(millis, periodMillis);
        int milli = (int) (millis - generation * periodMillis);
        add(perSecond[stripe], milli / 1000, generation, delta);
        add(perMilli[stripe], milli, generation, delta);
    }

    /**
     * Visitors whose last hit t satisfies {@code now - t < window}; hits are never stamped later than
     * the current second.
     */
    long count(long now) {
        long cutoff = now - windowMillis;
        long nowSecond = Math.floorDiv(now, 1000);
        long cutoffSecond = Math.floorDiv(cutoff, 1000);
        long sum = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            // Whole seconds after the boundary second, the current one included: a hit a racing
            // thread stamped a few microseconds after now is as current as one just before.
            sum += sum(perSecond[stripe], seconds, cutoffSecond + 1, nowSecond);
            // The boundary second is only partly inside the window: count it by millisecond.
            sum += sum(perMilli[stripe], periodMillis, cutoff + 1, cutoffSecond * 1000 + 999);
        }
        return sum;
    }

    /**
     * Sums the slots of the units {@code from..to} (seconds or milliseconds) of a ring of
     * {@code size} units, dividing once and then stepping, since this runs on every stats() call.
     */
    private static long sum(AtomicLongArray slots, long size, long from, long to) {
        if (from > to) {
            return 0;
        }
        long generation = Math.floorDiv(from, size);
        int index = (int) (from - generation * size);
        long sum = 0;
        for (long unit = from; unit <= to; unit++) {
            long current = slots.get(index);
            if (current >>> 32 == generation) {
                sum += (int) current;
            }
            if (++index == size) {
                index = 0;
                generation++;
            }
        }
        return sum;
    }

    private static void add(AtomicLongArray slots, int index, long generation, int delta) {
        while (true) {
            long current = slots.get(index);
            long slotGeneration = current >>> 32;
            int count;
            if (slotGeneration == generation) {
                count = (int) current + delta;
            } else if (slotGeneration < generation) {
                count = delta; // the slot still holds an earlier lap, long out of the window
            } else {
                return; // the hit is older than the ring's period: it cannot be online any more
            }
            if (slots.compareAndSet(index, current, generation << 32 | (count & 0xffff_ffffL))) {
                return;
            }
        }
    }
}
