package io.bantin.article;

import java.util.List;
import java.util.Optional;

/**
 * Where articles are kept. Implementations are thread-safe and take a {@link java.time.Clock}: it
 * sets {@code updatedAt} and decides when scheduled articles become public.
 */
public interface ArticleRepository {

    /**
     * Saves a new article (id 0) or replaces an existing one. On the way in the body is sanitized
     * ({@link ArticleHtml#sanitize(String)}), an empty slug is derived from the title and made unique
     * with {@code -2}, {@code -3}, …, {@code updatedAt} is set from the clock, a published article
     * without {@code publishedAt} gets the clock's time, views are not stored (always 0), and a new
     * article gets an id. Instants are kept to the millisecond.
     *
     * @param article the article
     * @return the article as stored
     * @throws ArticleValidationException if the explicit slug belongs to another article
     * @throws IllegalArgumentException if the id is positive but no such article exists
     */
    Article save(Article article);

    /**
     * Finds an article by id, whatever its status.
     *
     * @param id the id
     * @return the article, or empty
     */
    Optional<Article> findById(long id);

    /**
     * Finds an article by slug, whatever its status; public pages check
     * {@link Article#isVisibleAt(java.time.Instant)}.
     *
     * @param slug the slug
     * @return the article, or empty
     */
    Optional<Article> findBySlug(String slug);

    /**
     * One page of public articles — published, or scheduled whose time has come by the clock —
     * newest {@code publishedAt} first, filtered by the query's category, tag and search words (all
     * words must start a word of the title, summary, body text, author, category or tags, ignoring
     * case and diacritics; {@link ArticleQuery} refuses more than {@value ArticleQuery#MAX_TEXT_WORDS}
     * distinct words rather than ignoring some).
     *
     * @param query the page and filters
     * @return the page
     */
    Page<Article> published(ArticleQuery query);

    /**
     * One page of all articles, any status, most recently updated first (for the admin list).
     *
     * @param page the page number, 1 or more
     * @param size the page size, 1 to 100
     * @return the page
     * @throws IllegalArgumentException if page or size is out of range
     */
    Page<Article> all(int page, int size);

    /**
     * The distinct categories of public articles, sorted ignoring case and diacritics.
     *
     * @return category names
     */
    List<String> categories();

    /**
     * Deletes an article.
     *
     * @param id the id
     * @return true if it existed
     */
    boolean delete(long id);
}
