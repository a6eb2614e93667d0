package io.bantin.article;

import java.time.Instant;
import java.util.Objects;

/**
 * What identifies a stored article and decides whether the public may see it, without its text:
 * enough for a caller to resolve slugs and keep its own index in step with the repository.
 *
 * @param id the repository's id, positive
 * @param slug the URL slug, not empty
 * @param status the life-cycle state
 * @param publishedAt when it is or was published, or {@code null}
 * @param updatedAt when it was last saved
 */
public record ArticleKey(long id, String slug, Status status, Instant publishedAt, Instant updatedAt) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code id} is not positive or {@code slug} is empty
     * @throws NullPointerException if {@code slug}, {@code status} or {@code updatedAt} is null
     */
    public ArticleKey {
        if (id <= 0) {
            throw new IllegalArgumentException("id: must be positive, was " + id);
        }
        Objects.requireNonNull(slug, "slug");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("slug: must not be empty");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * The key of a stored article.
     *
     * @param article an article as returned by a repository (id and slug assigned)
     * @return its key
     * @throws IllegalArgumentException if the article was not saved yet (id 0 or empty slug)
     * @throws NullPointerException if the article has no {@code updatedAt}
     */
    public static ArticleKey of(Article article) {
        return new ArticleKey(article.id(), article.slug(), article.status(), article.publishedAt(), article.updatedAt());
    }

    /**
     * Whether the public may see the article at {@code now}; the same rule as
     * {@link Article#isVisibleAt(Instant)}.
     *
     * @param now the current instant
     * @return true if published, or scheduled and its time has come
     */
    public boolean isVisibleAt(Instant now) {
        return status == Status.PUBLISHED
                || (status == Status.SCHEDULED && publishedAt != null && !publishedAt.isAfter(now));
    }
}
