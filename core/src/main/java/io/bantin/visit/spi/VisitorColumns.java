package io.bantin.visit.spi;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Active visitors as parallel arrays, read as {@link ActiveVisitor} records made on access: the
 * compact form of a flush's window rows. Filled by one thread before it is published (through the
 * flush's {@link VisitDelta}), then only read; the article arrays are never written after they are
 * added. Not thread-safe while filling.
 */
final class VisitorColumns extends AbstractList<ActiveVisitor> implements RandomAccess {
    private long[] keys;
    private long[] lastHits;
    private long[] starts;
    private long[][] articles;
    private int size;

    VisitorColumns(int expected) {
        int n = Math.max(expected, 8);
        keys = new long[n];
        lastHits = new long[n];
        starts = new long[n];
        articles = new long[n][];
    }

    /** Appends a visitor; {@code viewed} (may be null) is kept, not copied, and must not change. */
    void add(long key, long lastHit, long visitStart, long[] viewed) {
        if (size == keys.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            lastHits = Arrays.copyOf(lastHits, n);
            starts = Arrays.copyOf(starts, n);
            articles = Arrays.copyOf(articles, n);
        }
        keys[size] = key;
        lastHits[size] = lastHit;
        starts[size] = visitStart;
        articles[size] = viewed;
        size++;
    }

    @Override
    public ActiveVisitor get(int index) {
        Objects.checkIndex(index, size);
        long[] viewed = articles[index];
        List<Long> ids = viewed == null ? List.of() : Arrays.stream(viewed).boxed().toList();
        return new ActiveVisitor(keys[index], Instant.ofEpochMilli(lastHits[index]), Instant.ofEpochMilli(starts[index]), ids);
    }

    @Override
    public int size() {
        return size;
    }
}
