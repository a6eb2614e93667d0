package io.bantin.article.internal;

import io.bantin.article.Article;
import io.bantin.article.ArticleValidationException;
import io.bantin.article.HtmlPolicy;
import io.bantin.article.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What every {@code ArticleRepository} does the same way on save and search, so the in-memory and
 * SQL repositories cannot drift apart. Public only for wiring between bantin packages; not part of
 * the API. Stateless and thread-safe.
 */
public final class ArticleStorage {

    /** Categories sorted as a reader expects: ignoring case and diacritics, then by exact text. */
    public static final Comparator<String> CATEGORY_ORDER =
            Comparator.comparing(Text::searchFold).thenComparing(Comparator.naturalOrder());

    private ArticleStorage() {
    }

    /**
     * The article as it will be stored, except for id and slug: body sanitized, {@code updatedAt}
     * now, a published article without {@code publishedAt} published now, instants in milliseconds.
     *
     * @param article the article being saved
     * @param now the clock's instant
     * @param html the repository's HTML policy
     * @return the prepared article
     */
    public static Article prepare(Article article, Instant now, HtmlPolicy html) {
        // Milliseconds are what every store keeps; truncating here makes save() return what a read gives.
        Instant millis = now.truncatedTo(ChronoUnit.MILLIS);
        Instant published = article.publishedAt() == null ? null : article.publishedAt().truncatedTo(ChronoUnit.MILLIS);
        if (article.status() == Status.PUBLISHED && published == null) {
            published = millis;
        }
        return article.toBuilder()
                .body(html.sanitize(article.body()))
                .updatedAt(millis)
                .publishedAt(published)
                .build();
    }

    /**
     * Chooses the slug to store: an explicit slug must be free (or already this article's); a derived
     * slug gets {@code -2}, {@code -3}, … until it is free.
     *
     * @param article the article being saved, with its final id (0 for new)
     * @param ownerOf looks up the id of the article holding a slug, or null if the slug is free
     * @return the slug to store
     * @throws ArticleValidationException if an explicit slug belongs to another article
     */
    public static String chooseSlug(Article article, java.util.function.Function<String, Long> ownerOf) {
        Predicate<String> free = s -> {
            Long owner = ownerOf.apply(s);
            return owner == null || owner == article.id();
        };
        if (!article.slug().isEmpty()) {
            if (!free.test(article.slug())) {
                throw new ArticleValidationException(Map.of("slug", "unique: already used by another article"));
            }
            return article.slug();
        }
        String base = Text.slugify(article.title());
        for (int n = 1; ; n++) {
            String candidate = Text.withSuffix(base, n);
            if (free.test(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * The folded text searched for an article: title, summary, body text, author, category and tags,
     * as words of {@code [a-z0-9]} between single spaces, with a space at both ends so that "word
     * starts with" is {@code LIKE '% term%'}.
     *
     * @param article the stored article
     * @param html the repository's HTML policy, which reads the body's text
     * @return the search text
     */
    public static String searchText(Article article, HtmlPolicy html) {
        StringBuilder all = new StringBuilder()
                .append(article.title()).append(' ')
                .append(article.summary()).append(' ')
                .append(html.text(article.body())).append(' ');
        if (article.author() != null) {
            all.append(article.author().name()).append(' ');
        }
        if (article.category() != null) {
            all.append(article.category()).append(' ');
        }
        article.tags().forEach(t -> all.append(t).append(' '));
        return " " + Text.searchFold(all.toString()) + " ";
    }

    /**
     * The folded words of a search. {@code ArticleQuery} bounds their number; none is dropped here,
     * since a dropped word would widen the results the reader asked for.
     *
     * @param text the words typed, may be null
     * @return distinct folded words, possibly empty
     */
    public static List<String> searchTerms(String text) {
        String folded = Text.searchFold(text);
        if (folded.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(folded.split(" ")).distinct().toList();
    }

    /**
     * How many distinct words {@link #searchTerms(String)} makes of a text (for validation).
     *
     * @param text the words typed, may be null
     * @return the count, 0 for null or no letters and digits
     */
    public static int searchWordCount(String text) {
        return searchTerms(text).size();
    }

    /**
     * Whether a search text holds every term at the start of a word.
     *
     * @param searchText as made by {@link #searchText(Article, HtmlPolicy)}
     * @param terms as made by {@link #searchTerms(String)}
     * @return true if all match
     */
    public static boolean matches(String searchText, List<String> terms) {
        for (String term : terms) {
            if (!searchText.contains(" " + term)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The slug of a category or tag as used in filters.
     *
     * @param name the category or tag
     * @return its slug, or null for null
     */
    public static String slugOf(String name) {
        return name == null ? null : Text.slugify(name);
    }
}
