package io.bantin.visit;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many new visitors each client network has created in the current clock hour, so that one
 * address cannot inflate the figures by sending hits with ever new User-Agents. A network is an
 * IPv4 address or an IPv6 /64 (one subscriber's LAN, whose addresses the subscriber chooses freely).
 *
 * <p>Fixed hours of the injected clock (epoch hours, so whole hours of UTC): the budget refills at
 * the start of each hour. A sliding window would need a history per network; a fixed hour needs
 * one count, and at worst lets one network create twice the budget across an hour boundary.
 *
 * <p>The counts live in a count-min sketch of constant size (four rows of 2^16 counters, 1 MiB),
 * indexed by a SipHash of the network prefix under a random key of this instance: memory does not
 * grow with the number of addresses, and neither the addresses nor anything that could be hashed
 * back to them without the key are kept. A network's count is the smallest of its four counters, so
 * it can only be over-estimated, and only when all four are shared with busy networks: with 10,000
 * networks creating 30 visitors each in an hour, a counter holds about 5 of others' visitors. Hits
 * beyond the budget do not add to the counters, so a flood from one address does not spill over.
 * Thread-safe: the new visitors of one network are checked and counted one at a time under one of
 * {@value #STRIPES} locks, each held for eight counter reads and writes; the once-an-hour reset
 * blocks too.
 */
final class VisitorBudget {

    private static final int ROWS = 4;
    private static final int ROW_BITS = 16;
    private static final int ROW_MASK = (1 << ROW_BITS) - 1;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final long TAG_NETWORK = 3;
    private static final int STRIPES = 64;

    private final int perHour;
    private final long k0;
    private final long k1;
    private final AtomicIntegerArray counts = new AtomicIntegerArray(ROWS << ROW_BITS);
    /** Locks by network hash; see {@link #tryTake}. */
    private final Object[] stripes = new Object[STRIPES];
    /** The epoch hour the counts belong to. */
    private volatile long hour;

    /**
     * A budget of {@code perHour} new visitors per network and hour, starting at {@code now}.
     *
     * @throws IllegalArgumentException if perHour is not positive
     */
    VisitorBudget(int perHour, long now, SecureRandom random) {
        if (perHour < 1) {
            throw new IllegalArgumentException("perHour must be positive, got " + perHour);
        }
        this.perHour = perHour;
        this.k0 = random.nextLong();
        this.k1 = random.nextLong();
        this.hour = Math.floorDiv(now, HOUR_MILLIS);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Takes one new visitor from the budget of the address's network for the hour of {@code now};
     * false, taking nothing, when that budget is spent. Exact for concurrent calls: of the calls of
     * one network in one hour, at most the budget return true.
     */
    boolean tryTake(IpAddress ip, long now) {
        long h = Math.floorDiv(now, HOUR_MILLIS);
        if (h > hour) {
            roll(h);
        }
        IpAddress network = ip.subscriberNetwork();
        long hash = SipHash.hashWords(k0, k1, TAG_NETWORK, network.high(), network.low(), 0, "");
        // The check and the increments are one step per network. Unlocked, two threads taking the last
        // place can interleave so that one comes first on one counter and the other on the next: each
        // sees a smallest count within the budget and both take it. Other networks sharing a counter
        // only raise it, which errs on the side of the budget.
        boolean taken;
        synchronized (stripes[(int) hash & (STRIPES - 1)]) {
            int smallest = Integer.MAX_VALUE;
            for (int row = 0; row < ROWS; row++) {
                smallest = Math.min(smallest, counts.get(index(hash, row)));
            }
            taken = smallest < perHour;
            if (taken) {
                for (int row = 0; row < ROWS; row++) {
                    counts.incrementAndGet(index(hash, row));
                }
            }
        }
        return taken;
    }

    private static int index(long hash, int row) {
        return row << ROW_BITS | (int) (hash >>> (row * ROW_BITS)) & ROW_MASK;
    }

    /**
     * Starts a new hour. A clock stepping back keeps the later hour's counts (no second budget for
     * the same hour); a hit counted by a thread still in the old hour lands in the new one, which
     * errs on the side of the budget.
     */
    private synchronized void roll(long h) {
        if (h <= hour) {
            return;
        }
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
        hour = h;
    }
}
