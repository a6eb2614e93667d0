package io.bantin.visit;

/**
 * How often one article was viewed (at most once per visitor per visit).
 *
 * @param articleId the article, positive
 * @param views its views, not negative
 */
public record ArticleViews(long articleId, long views) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if articleId is not positive or views is negative
     */
    public ArticleViews {
        if (articleId <= 0) {
            throw new IllegalArgumentException("articleId must be positive, got " + articleId);
        }
        VisitStats.requireNonNegative("views", views);
    }
}
