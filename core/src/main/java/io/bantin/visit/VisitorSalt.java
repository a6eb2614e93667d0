package io.bantin.visit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The secret key visitor identities were hashed with on one day. Stored only so that a restart
 * keeps recognising the visitors whose visits are open, and so that counters sharing a store use the
 * same key (tomorrow's is agreed the day before); deleted from the store, and zeroed in memory, when
 * no longer needed.
 *
 * @param day the day in the site's zone the salt belongs to
 * @param k0 the first 64 bits of the key
 * @param k1 the last 64 bits of the key
 */
public record VisitorSalt(LocalDate day, long k0, long k1) {

    /**
     * Validates the day.
     *
     * @throws NullPointerException if day is null
     */
    public VisitorSalt {
        Objects.requireNonNull(day, "day");
    }

    /** Redacts the key so that it never ends up in a log. */
    @Override
    public String toString() {
        return "VisitorSalt[day=" + day + ", key=<redacted>]";
    }
}
