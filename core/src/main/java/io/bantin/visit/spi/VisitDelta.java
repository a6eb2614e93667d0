package io.bantin.visit.spi;

import io.bantin.visit.DailyCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one flush writes to a {@link VisitStore}, to be applied in one transaction: amounts to add
 * (never to set), so several processes can write into one database; the baseline when it changed;
 * and the changes to the active-visitor window, so that the window in the store always matches the
 * counts in the store — after a crash the open visits are those of the last flush, and no hit is
 * counted twice.
 *
 * <p>A store reads it; bantin builds it (tests of a store build their own with {@link #builder()}).
 * Not a record, so that a new kind of amount is a new accessor that stores may ignore until they
 * persist it, not a broken constructor. Immutable.
 */
public final class VisitDelta {

    private final List<DailyCount> days;
    private final List<ArticleDayViews> articleDays;
    private final List<DimensionDayCount> dimensionDays;
    private final OptionalLong baseline;
    private final List<VisitorSalt> salts;
    private final List<ActiveVisitor> visitors;
    private final Instant forgetVisitorsBefore;
    private final long writer;
    private final long sequence;

    private VisitDelta(Builder b) {
        this.days = List.copyOf(b.days);
        this.articleDays = List.copyOf(b.articleDays);
        this.dimensionDays = List.copyOf(b.dimensionDays);
        this.baseline = b.baseline;
        this.salts = List.copyOf(b.salts);
        // The compact columns are handed over, not copied: copying would make every record at once
        // (tens of thousands in one flush).
        this.visitors = b.visitors;
        this.forgetVisitorsBefore = b.forgetVisitorsBefore;
        this.writer = b.writer;
        this.sequence = b.sequence;
    }

    /** A builder of an empty, unsequenced delta. */
    public static Builder builder() {
        return new Builder();
    }

    /** Per-day amounts to add. */
    public List<DailyCount> days() {
        return days;
    }

    /** Per-article-per-day views to add. */
    public List<ArticleDayViews> articleDays() {
        return articleDays;
    }

    /** Per-day visits by the value of a dimension (referrer domain, device class...) to add. */
    public List<DimensionDayCount> dimensionDays() {
        return dimensionDays;
    }

    /** The new baseline, or empty when unchanged since the last flush. */
    public OptionalLong baseline() {
        return baseline;
    }

    /**
     * The live visitor salts, or empty when unchanged: the store adds those of days it holds no salt
     * for (keeping its own, agreed with other counters, otherwise) and deletes its salts of days
     * before the earliest of them.
     */
    public List<VisitorSalt> salts() {
        return salts;
    }

    /** Active visitors to insert or replace (by key). Unmodifiable; records are made as it is read. */
    public List<ActiveVisitor> visitors() {
        return visitors;
    }

    /**
     * Stored visitors whose last hit is before this instant are deleted; {@link Instant#EPOCH} (or
     * earlier) means none, and lets the store skip the work.
     */
    public Instant forgetVisitorsBefore() {
        return forgetVisitorsBefore;
    }

    /** The counter instance that wrote the delta (random, non-zero), or 0 when unsequenced. */
    public long writer() {
        return writer;
    }

    /**
     * The writer's flush number, increasing by one per delta, or 0 when unsequenced. The store
     * records the writer's latest applied number in the same transaction and skips a delta whose
     * number it already recorded: a retry after a commit whose acknowledgement was lost (the
     * connection dropped after COMMIT) then applies nothing twice.
     */
    public long sequence() {
        return sequence;
    }

    /** Whether applying this delta would change nothing (expired visitors aside). */
    public boolean isEmpty() {
        return days.isEmpty() && articleDays.isEmpty() && dimensionDays.isEmpty() && baseline.isEmpty()
                && salts.isEmpty() && visitors.isEmpty();
    }

    /** Shows the sizes and the sequence; no salt, no visitor key. */
    @Override
    public String toString() {
        return "VisitDelta[days=" + days.size() + ", articleDays=" + articleDays.size() + ", dimensionDays="
                + dimensionDays.size() + ", baseline=" + baseline + ", salts=" + salts.size() + ", visitors="
                + visitors.size() + ", forgetVisitorsBefore=" + forgetVisitorsBefore + ", writer=" + writer
                + ", sequence=" + sequence + "]";
    }

    /** Collects the parts of a {@link VisitDelta}; every part is optional. Not thread-safe. */
    public static final class Builder {

        private final List<DailyCount> days = new ArrayList<>();
        private final List<ArticleDayViews> articleDays = new ArrayList<>();
        private final List<DimensionDayCount> dimensionDays = new ArrayList<>();
        private OptionalLong baseline = OptionalLong.empty();
        private final List<VisitorSalt> salts = new ArrayList<>();
        private VisitorColumns visitors = new VisitorColumns(8);
        private Instant forgetVisitorsBefore = Instant.EPOCH;
        private long writer;
        private long sequence;

        private Builder() {
        }

        /** Adds per-day amounts. */
        public Builder days(List<DailyCount> days) {
            this.days.addAll(days);
            return this;
        }

        /** Adds per-article-per-day views. */
        public Builder articleDays(List<ArticleDayViews> articleDays) {
            this.articleDays.addAll(articleDays);
            return this;
        }

        /** Adds per-day visits by dimension value. */
        public Builder dimensionDays(List<DimensionDayCount> dimensionDays) {
            this.dimensionDays.addAll(dimensionDays);
            return this;
        }

        /**
         * Sets the baseline.
         *
         * @throws IllegalArgumentException if it is negative
         */
        public Builder baseline(long baseline) {
            if (baseline < 0) {
                throw new IllegalArgumentException("baseline must not be negative, got " + baseline);
            }
            this.baseline = OptionalLong.of(baseline);
            return this;
        }

        /** Adds live salts. */
        public Builder salts(List<VisitorSalt> salts) {
            this.salts.addAll(salts);
            return this;
        }

        /** Adds active visitors. */
        public Builder visitors(List<ActiveVisitor> visitors) {
            for (ActiveVisitor v : visitors) {
                long[] ids = v.viewedArticles().stream().mapToLong(Long::longValue).toArray();
                this.visitors.add(v.key(), v.lastHit().toEpochMilli(), v.visitStart().toEpochMilli(),
                        ids.length == 0 ? null : ids);
            }
            return this;
        }

        /**
         * Adds one active visitor in the compact form the counter holds: times in epoch milliseconds;
         * {@code viewed} (may be null) is kept, not copied, and must not change afterwards.
         */
        public Builder visitor(long key, long lastHitMillis, long visitStartMillis, long[] viewed) {
            visitors.add(key, lastHitMillis, visitStartMillis, viewed);
            return this;
        }

        /** Sets the instant before which stored visitors are deleted; default {@link Instant#EPOCH}, none. */
        public Builder forgetVisitorsBefore(Instant before) {
            this.forgetVisitorsBefore = Objects.requireNonNull(before, "forgetVisitorsBefore");
            return this;
        }

        /**
         * Makes the delta sequenced: applied at most once per (writer, sequence).
         *
         * @throws IllegalArgumentException if writer is 0 or sequence is not positive
         */
        public Builder sequence(long writer, long sequence) {
            if (writer == 0 || sequence <= 0) {
                throw new IllegalArgumentException("a sequence must be positive with a non-zero writer; got writer "
                        + writer + ", sequence " + sequence);
            }
            this.writer = writer;
            this.sequence = sequence;
            return this;
        }

        /** The delta; the builder must not be used afterwards. */
        public VisitDelta build() {
            VisitDelta delta = new VisitDelta(this);
            visitors = null;
            return delta;
        }
    }
}
