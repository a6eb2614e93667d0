package io.bantin.visit;

import java.time.Instant;
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
 * @param days per-day amounts to add
 * @param articleDays per-article-per-day views to add
 * @param baseline the new baseline, or empty when unchanged since the last flush
 * @param salts the live visitor salts, or empty when unchanged: the store adds those of days it holds
 *     no salt for (keeping its own, agreed with other counters, otherwise) and deletes its salts of
 *     days before the earliest of them
 * @param visitors active visitors to insert or replace (by key)
 * @param forgetVisitorsBefore stored visitors whose last hit is before this instant are deleted;
 *     {@link Instant#EPOCH} (or earlier) means none, and lets the store skip the work
 * @param writer the counter instance that wrote the delta (random, non-zero), or 0 when unsequenced
 * @param sequence the writer's flush number, increasing by one per delta, or 0 when unsequenced. The
 *     store records the writer's latest applied number in the same transaction and skips a delta
 *     whose number it already recorded: a retry after a commit whose acknowledgement was lost (the
 *     connection dropped after COMMIT) then applies nothing twice
 */
public record VisitDelta(List<DailyCount> days, List<ArticleDayViews> articleDays, OptionalLong baseline,
                         List<VisitorSalt> salts, List<ActiveVisitor> visitors, Instant forgetVisitorsBefore,
                         long writer, long sequence) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if sequence is negative, or positive without a writer
     */
    public VisitDelta {
        if (sequence < 0 || sequence > 0 && writer == 0) {
            throw new IllegalArgumentException("a sequence must be 0, or positive with a non-zero writer; got writer "
                    + writer + ", sequence " + sequence);
        }
        days = List.copyOf(days);
        articleDays = List.copyOf(articleDays);
        Objects.requireNonNull(baseline, "baseline");
        salts = List.copyOf(salts);
        // The counter's own compact list is already immutable once handed over; copying would make
        // every record at once (tens of thousands in one flush).
        visitors = visitors instanceof VisitorColumns ? visitors : List.copyOf(visitors);
        Objects.requireNonNull(forgetVisitorsBefore, "forgetVisitorsBefore");
    }

    /**
     * An unsequenced delta: applied every time it is given.
     *
     * @throws NullPointerException if a component is null
     */
    public VisitDelta(List<DailyCount> days, List<ArticleDayViews> articleDays, OptionalLong baseline,
                      List<VisitorSalt> salts, List<ActiveVisitor> visitors, Instant forgetVisitorsBefore) {
        this(days, articleDays, baseline, salts, visitors, forgetVisitorsBefore, 0, 0);
    }

    /** Amounts and baseline only, unsequenced, leaving the stored window alone. */
    public VisitDelta(List<DailyCount> days, List<ArticleDayViews> articleDays, OptionalLong baseline) {
        this(days, articleDays, baseline, List.of(), List.of(), Instant.EPOCH);
    }

    /** Whether applying this delta would change nothing (expired visitors aside). */
    public boolean isEmpty() {
        return days.isEmpty() && articleDays.isEmpty() && baseline.isEmpty() && salts.isEmpty() && visitors.isEmpty();
    }
}
