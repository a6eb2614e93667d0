package io.bantin.visit.spi;

import io.bantin.visit.Dimension;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One visit of one visitor as one counter saw it, or as the store holds it after merging what every
 * counter saw: a run of hits less than the visit timeout apart, from {@code start} to {@code end},
 * with the articles viewed in it and the visit's value of each {@link Dimension} (those of its first
 * hit). The unit in which counters sharing a store report visits: the store merges them with
 * {@link VisitIntervals#merge} and derives visits, article views and dimension visits from the result.
 * A salted hash, never an IP. Immutable.
 *
 * @param key the visitor's keyed hash under the salt of {@code day}
 * @param day the day in the site's zone the visit belongs to (that of its start)
 * @param start the first hit, epoch milliseconds
 * @param end the last hit, epoch milliseconds, not before {@code start}
 * @param articles the distinct articles (positive ids) counted as viewed in the visit, in the order
 *     they were counted, at most {@link VisitIntervals#MAX_ARTICLES_PER_VISIT}
 * @param values the visit's value of each dimension, indexed by {@link Dimension#ordinal()}; empty
 *     when the counter keeps no breakdowns (or has not derived them yet), else one per dimension
 * @param carriedTo the visitor's key under the next day's salt when a hit after midnight carried the
 *     visitor over (they are online and restored under that key from then on), else 0
 */
public record VisitInterval(long key, LocalDate day, long start, long end, List<Long> articles, List<String> values,
                            long carriedTo) {

    /** Separates the values in their stored text form; never part of a value. */
    static final char VALUE_SEPARATOR = '\u001f';

    /**
     * Validates the fields and copies the lists.
     *
     * @throws NullPointerException if day, a list or an element is null
     * @throws IllegalArgumentException if end is before start, an article id is not positive or
     *     repeated, there are too many articles, or the values are not one valid value per dimension
     */
    public VisitInterval {
        Objects.requireNonNull(day, "day");
        if (end < start) {
            throw new IllegalArgumentException("end must not be before start, got start " + start + ", end " + end);
        }
        articles = List.copyOf(articles);
        if (articles.size() > VisitIntervals.MAX_ARTICLES_PER_VISIT) {
            throw new IllegalArgumentException("a visit counts at most " + VisitIntervals.MAX_ARTICLES_PER_VISIT
                    + " articles, got " + articles.size());
        }
        if (articles.stream().anyMatch(id -> id <= 0)) {
            throw new IllegalArgumentException("article ids must be positive, got " + articles);
        }
        if (articles.stream().distinct().count() != articles.size()) {
            throw new IllegalArgumentException("article ids must be distinct, got " + articles);
        }
        values = List.copyOf(values);
        int dimensions = Dimension.values().length;
        if (!values.isEmpty() && values.size() != dimensions) {
            throw new IllegalArgumentException("values must be empty or one per dimension (" + dimensions
                    + "), got " + values.size());
        }
        for (String v : values) {
            if (v.isEmpty() || v.length() > Dimension.MAX_VALUE_LENGTH || v.indexOf(VALUE_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("a value must be 1 to " + Dimension.MAX_VALUE_LENGTH
                        + " characters without U+001F, got \"" + v + "\"");
            }
        }
    }

    /**
     * An interval of a visitor not carried over to the next day.
     *
     * @throws NullPointerException if day, a list or an element is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public VisitInterval(long key, LocalDate day, long start, long end, List<Long> articles, List<String> values) {
        this(key, day, start, end, articles, values, 0);
    }

    /** Whether a hit after midnight carried the visitor over to the next day's key. */
    public boolean carried() {
        return carriedTo != 0;
    }

    /** Shows the times, the day and the sizes; no visitor key. */
    @Override
    public String toString() {
        return "VisitInterval[day=" + day + ", start=" + start + ", end=" + end + ", articles=" + articles.size()
                + ", values=" + values + ", carried=" + carried() + "]";
    }
}
