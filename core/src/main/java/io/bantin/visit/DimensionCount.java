package io.bantin.visit;

import java.util.Objects;

/**
 * Visits with one value of a {@link Dimension} over a period, as {@link VisitCounter#breakdown}
 * lists them.
 *
 * @param value the value (a referrer domain, a device class, or a marker such as {@link Dimension#DIRECT})
 * @param visits visits with that value, not negative
 */
public record DimensionCount(String value, long visits) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if value is null
     * @throws IllegalArgumentException if visits is negative
     */
    public DimensionCount {
        Objects.requireNonNull(value, "value");
        VisitStats.requireNonNegative("visits", visits);
    }
}
