package io.bantin.visit.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The views one article got on one day: the unit the store aggregates article history in.
 *
 * @param date the day in the site's zone
 * @param articleId the article, positive
 * @param views views that day (a delta when part of a {@link VisitDelta}), not negative
 */
public record ArticleDayViews(LocalDate date, long articleId, long views) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if date is null
     * @throws IllegalArgumentException if articleId is not positive or views is negative
     */
    public ArticleDayViews {
        Objects.requireNonNull(date, "date");
        if (articleId <= 0) {
            throw new IllegalArgumentException("articleId must be positive, got " + articleId);
        }
        if (views < 0) {
            throw new IllegalArgumentException("views must not be negative, got " + views);
        }
    }
}
