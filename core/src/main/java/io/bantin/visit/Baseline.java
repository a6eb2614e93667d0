package io.bantin.visit;

import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy total added to all visits: its value, and which version of it the store holds, so that
 * a flush writes it only when it changed and a reload of others' writes never overwrites one set
 * here and not yet written. One kind of lock: this object's monitor; the value is also volatile for
 * lock-free reads.
 */
final class Baseline {

    private static final Logger LOG = LoggerFactory.getLogger(VisitCounter.class);

    private volatile long value;
    private long version;
    private long persistedVersion;

    Baseline(long stored) {
        this.value = checked(stored);
    }

    long get() {
        return value;
    }

    /** Sets a new value, to be written by the next flush; setting the current one changes nothing. */
    synchronized void set(long total) {
        if (total != value) {
            value = total;
            version++;
        }
    }

    /** What a flush writes: the version it takes and the value when the store does not hold it yet. */
    record Pending(long version, OptionalLong value) {
    }

    synchronized Pending pending() {
        return new Pending(version, version == persistedVersion ? OptionalLong.empty() : OptionalLong.of(value));
    }

    /** The store committed the value of {@code writtenVersion}. */
    synchronized void persisted(long writtenVersion) {
        persistedVersion = Math.max(persistedVersion, writtenVersion);
    }

    /** Takes the stored value (another process set it), unless one set here is not yet written. */
    synchronized void reloaded(long stored) {
        if (version == persistedVersion) {
            value = checked(stored);
        }
    }

    /**
     * A stored baseline within 0..{@link VisitCounter#MAX_BASELINE}: a store written before the cap
     * existed may hold one that overflows the total, and must not fail every page after a restart.
     * Clamped in memory only; the store keeps its value until the baseline is set again.
     */
    static long checked(long stored) {
        if (stored >= 0 && stored <= VisitCounter.MAX_BASELINE) {
            return stored;
        }
        long clamped = stored < 0 ? 0 : VisitCounter.MAX_BASELINE;
        LOG.warn("event=baseline_out_of_range stored={} used={} (set the baseline again to store a valid one)",
                stored, clamped);
        return clamped;
    }
}
