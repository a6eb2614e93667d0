package io.bantin.visit.spi;

import io.bantin.visit.DailyCount;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one flush writes to a {@link VisitStore}, to be applied in one transaction: amounts to add
 * (never to set); the visit intervals the counter saw, which the store merges with what every counter
 * sharing it wrote ({@link VisitIntervals#merge}) and from which it derives visits, article views and
 * dimension visits; the baseline when it changed; and the live salts. A counter sends page views and
 * bots as amounts and every visit as an interval, so that several counters behind one load balancer
 * count a visitor whose hits reach several of them as one server would.
 *
 * <p>A store reads it; bantin builds it (tests of a store build their own with {@link #builder()}).
 * Not a record, so that a new kind of amount is a new accessor that stores may ignore until they
 * persist it, not a broken constructor. Immutable.
 */
public final class VisitDelta {

    /** The visit timeout of a delta that sets none: 30 minutes, the counter's default. */
    public static final Duration DEFAULT_VISIT_TIMEOUT = Duration.ofMinutes(30);

    private final List<DailyCount> days;
    private final List<ArticleDayViews> articleDays;
    private final List<DimensionDayCount> dimensionDays;
    private final OptionalLong baseline;
    private final List<VisitorSalt> salts;
    private final List<VisitInterval> intervals;
    private final Duration visitTimeout;
    private final LocalDate forgetIntervalsBefore;
    private final long writer;
    private final long sequence;

    private VisitDelta(Builder b) {
        this.days = List.copyOf(b.days);
        this.articleDays = List.copyOf(b.articleDays);
        this.dimensionDays = List.copyOf(b.dimensionDays);
        this.baseline = b.baseline;
        this.salts = List.copyOf(b.salts);
        this.intervals = List.copyOf(b.intervals);
        this.visitTimeout = b.visitTimeout;
        this.forgetIntervalsBefore = b.forgetIntervalsBefore;
        this.writer = b.writer;
        this.sequence = b.sequence;
    }

    /** A builder of an empty, unsequenced delta. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Per-day amounts to add. A counter sends page views and bots here and leaves visits at 0: its
     * visits travel as {@link #intervals()}.
     */
    public List<DailyCount> days() {
        return days;
    }

    /** Per-article-per-day views to add, besides those derived from the intervals (a counter sends none). */
    public List<ArticleDayViews> articleDays() {
        return articleDays;
    }

    /**
     * Per-day visits by the value of a dimension (referrer domain, device class...) to add, besides
     * those derived from the intervals (a counter sends none).
     */
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

    /**
     * The visit intervals of every visitor the counter saw since its last flush, each as it is now
     * (an interval already sent, grown or not, may come again: merging is idempotent). The store
     * merges them into its own under {@link #visitTimeout()} and adds the figures the merge derives.
     */
    public List<VisitInterval> intervals() {
        return intervals;
    }

    /** The counter's visit timeout, by which the store merges {@link #intervals()}. */
    public Duration visitTimeout() {
        return visitTimeout;
    }

    /**
     * Stored intervals of days before this one are deleted (a counter sends yesterday: a counter cut
     * off across midnight may still merge into it); {@link LocalDate#MIN} means none, and lets the
     * store skip the work.
     */
    public LocalDate forgetIntervalsBefore() {
        return forgetIntervalsBefore;
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

    /** Whether applying this delta would change nothing (forgetting old intervals aside). */
    public boolean isEmpty() {
        return days.isEmpty() && articleDays.isEmpty() && dimensionDays.isEmpty() && baseline.isEmpty()
                && salts.isEmpty() && intervals.isEmpty();
    }

    /** Shows the sizes and the sequence; no salt, no visitor key. */
    @Override
    public String toString() {
        return "VisitDelta[days=" + days.size() + ", articleDays=" + articleDays.size() + ", dimensionDays="
                + dimensionDays.size() + ", baseline=" + baseline + ", salts=" + salts.size() + ", intervals="
                + intervals.size() + ", visitTimeout=" + visitTimeout + ", forgetIntervalsBefore="
                + forgetIntervalsBefore + ", writer=" + writer + ", sequence=" + sequence + "]";
    }

    /** Collects the parts of a {@link VisitDelta}; every part is optional. Not thread-safe. */
    public static final class Builder {

        private final List<DailyCount> days = new ArrayList<>();
        private final List<ArticleDayViews> articleDays = new ArrayList<>();
        private final List<DimensionDayCount> dimensionDays = new ArrayList<>();
        private OptionalLong baseline = OptionalLong.empty();
        private final List<VisitorSalt> salts = new ArrayList<>();
        private final List<VisitInterval> intervals = new ArrayList<>();
        private Duration visitTimeout = DEFAULT_VISIT_TIMEOUT;
        private LocalDate forgetIntervalsBefore = LocalDate.MIN;
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

        /** Adds visit intervals. */
        public Builder intervals(List<VisitInterval> intervals) {
            this.intervals.addAll(intervals);
            return this;
        }

        /** Adds one visit interval. */
        public Builder interval(VisitInterval interval) {
            this.intervals.add(Objects.requireNonNull(interval, "interval"));
            return this;
        }

        /**
         * Sets the visit timeout the intervals are merged by; default {@link #DEFAULT_VISIT_TIMEOUT}.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder visitTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("visitTimeout must be positive, got " + timeout);
            }
            this.visitTimeout = timeout;
            return this;
        }

        /** Sets the day before which stored intervals are deleted; default {@link LocalDate#MIN}, none. */
        public Builder forgetIntervalsBefore(LocalDate day) {
            this.forgetIntervalsBefore = Objects.requireNonNull(day, "forgetIntervalsBefore");
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

        /** The delta. */
        public VisitDelta build() {
            return new VisitDelta(this);
        }
    }
}
