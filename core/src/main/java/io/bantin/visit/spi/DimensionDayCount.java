package io.bantin.visit.spi;

import io.bantin.visit.Dimension;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Visits on one day whose hit had one value of one dimension (a referrer domain, a device class):
 * the unit the store keeps breakdowns in.
 *
 * @param date the day in the site's zone
 * @param dimension the dimension
 * @param value the value, at most {@link Dimension#MAX_VALUE_LENGTH} characters, never empty
 * @param visits visits that day (a delta when part of a {@link VisitDelta}), not negative
 */
public record DimensionDayCount(LocalDate date, Dimension dimension, String value, long visits) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if value is empty or too long, or visits is negative
     */
    public DimensionDayCount {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > Dimension.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value must be 1 to " + Dimension.MAX_VALUE_LENGTH
                    + " characters, got " + value.length());
        }
        if (visits < 0) {
            throw new IllegalArgumentException("visits must not be negative, got " + visits);
        }
    }
}
