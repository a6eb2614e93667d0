package io.bantin.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where articles are kept. Implementations are thread-safe and take a {@link java.time.Clock}: it
 * sets {@code updatedAt} and decides when scheduled articles become public.
 */
public interface ArticleRepository {

    /**
     * Saves a new article (id 0) or replaces an existing one. On the way in the body is sanitized
     * (the repository's {@link HtmlPolicy}), an empty slug is derived from the title and made unique
     * with {@code -2}, {@code -3}, …, {@code updatedAt} is set from the clock, a published article
     * without {@code publishedAt} gets the clock's time, and a new article gets an id. Instants are
     * kept to the millisecond.
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
     * {@link #published(ArticleQuery)} for listings that show teasers: the same page, total and order,
     * each article whole but for its body, which is empty. A listing of 20 articles then reads 20
     * summaries, not 20 bodies of up to a million characters each.
     *
     * <p>The default reads the page whole and drops the bodies; the bundled repositories never read them.
     *
     * @param query the page and filters
     * @return the page, bodies empty
     */
    default Page<Article> publishedTeasers(ArticleQuery query) {
        return withoutBodies(published(query));
    }

    /**
     * {@link #all(int, int)} without bodies (each empty), for the editors' list.
     *
     * <p>The default reads the page whole and drops the bodies; the bundled repositories never read them.
     *
     * @param page the page number, 1 or more
     * @param size the page size, 1 to 100
     * @return the page, bodies empty
     * @throws IllegalArgumentException if page or size is out of range
     */
    default Page<Article> allTeasers(int page, int size) {
        return withoutBodies(all(page, size));
    }

    private static Page<Article> withoutBodies(Page<Article> p) {
        return new Page<>(p.items().stream().map(a -> a.toBuilder().body("").build()).toList(), p.page(), p.size(),
                p.total());
    }

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

    /**
     * The keys (id, slug, status and times, no text) of the articles saved after {@code updatedAfter},
     * or of all articles when it is null, ordered by {@code updatedAt} then id. Lets a caller load an
     * index of every article with one query and then read only what changed since.
     *
     * <p>The default pages through {@link #all(int, int)}, reading every article whole; the bundled
     * repositories override it with one query that reads no article text.
     *
     * @param updatedAfter only articles whose {@code updatedAt} is strictly after this, or {@code null} for all
     * @return the keys, possibly empty
     */
    default List<ArticleKey> keys(Instant updatedAfter) {
        List<ArticleKey> keys = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Article> p = all(page, ArticleQuery.MAX_SIZE);
            for (Article a : p.items()) {
                if (updatedAfter == null || a.updatedAt().isAfter(updatedAfter)) {
                    keys.add(ArticleKey.of(a));
                }
            }
            if (p.items().size() < ArticleQuery.MAX_SIZE) {
                break;
            }
        }
        keys.sort(Comparator.comparing(ArticleKey::updatedAt).thenComparingLong(ArticleKey::id));
        return keys;
    }

    /**
     * The keys (slug and dates, no text) of every article the public may see now — published, or
     * scheduled whose time has come by the clock — in the order of {@link #published(ArticleQuery)}:
     * newest {@code publishedAt} first, then highest id. For sitemaps, which print only addresses and
     * dates and must not read every article's body to do so.
     *
     * <p>The default pages through {@link #published(ArticleQuery)}, reading every article whole; the
     * bundled repositories override it with one query that reads no article text.
     *
     * @return the keys, possibly empty
     */
    default List<ArticleKey> publishedKeys() {
        List<ArticleKey> keys = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Article> p = published(new ArticleQuery(page, ArticleQuery.MAX_SIZE, null, null, null));
            for (Article a : p.items()) {
                keys.add(ArticleKey.of(a));
            }
            if (p.items().size() < ArticleQuery.MAX_SIZE) {
                return keys;
            }
        }
    }

    /**
     * How many articles there are, in any status. With {@link #keys(Instant)} it lets a caller notice
     * deletions it did not make without listing every id.
     *
     * <p>The default asks {@link #all(int, int)} for its total; the bundled repositories override it.
     *
     * @return the number of articles
     */
    default long count() {
        return all(1, 1).total();
    }
}
