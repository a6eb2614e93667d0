package io.bantin.visit;

/**
 * The default {@link VisitCounter.Builder#maxTrackedVisitors(int)}: the cap that fits the JVM's heap.
 *
 * <p>A unit of the cap is one visitor (plus one per four articles of their open visit). What a unit
 * costs at its peak, not just at rest, is measured in docs/benchmarks.md ("Heap per unit of the
 * visitor cap"): the cache entry, the copy a flush makes of the visitors that changed, and the saved
 * window read back at a restart. The visitors get a quarter of the heap, leaving the rest to the
 * web stack, the requests in flight and the collector's headroom: a heap that is nearly full of live
 * visitors collects again and again and throughput collapses long before an out-of-memory error.
 */
final class VisitorCap {

    /** Peak heap bytes per unit of the cap: the worst case measured, rounded up (docs/benchmarks.md). */
    static final long BYTES_PER_UNIT = 350;
    /** The share of the heap the tracked visitors may take. */
    static final double HEAP_SHARE = 0.25;
    /** No heap is so small that fewer visitors are worth tracking. */
    static final int MIN_CAP = 1_000;

    private VisitorCap() {
    }

    /** The cap for a heap of at most {@code maxMemory} bytes, as {@link Runtime#maxMemory()} reports it. */
    static int forHeap(long maxMemory) {
        long cap = (long) (maxMemory * HEAP_SHARE) / BYTES_PER_UNIT;
        return (int) Math.max(MIN_CAP, Math.min(Integer.MAX_VALUE, cap));
    }

    /** The cap for this JVM's heap. */
    static int forThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }
}
