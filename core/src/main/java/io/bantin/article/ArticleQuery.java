package io.bantin.article;

import io.bantin.article.internal.ArticleStorage;

/**
 * A request for one page of public articles, optionally filtered. Blank filters become
 * {@code null}.
 *
 * @param page the page number, 1 or more
 * @param size the page size, 1 to 100
 * @param text search words, matched ignoring case and diacritics ("tinh uy" finds "Tỉnh ủy"), or null;
 *     at most {@value #MAX_TEXT_WORDS} distinct words once folded (every word must match, none is
 *     silently dropped)
 * @param categorySlug only articles whose category slugifies to this, or null
 * @param tagSlug only articles with a tag that slugifies to this, or null
 */
public record ArticleQuery(int page, int size, String text, String categorySlug, String tagSlug) {

    /** The largest page size. */
    public static final int MAX_SIZE = 100;

    /**
     * The most distinct search words. Vietnamese words are written as separate syllables, so a pasted
     * headline (titles are at most 300 characters) runs to some 60 words; each word is one more
     * condition in the query, so the count is bounded rather than unlimited.
     */
    public static final int MAX_TEXT_WORDS = 64;

    /**
     * Validates and normalizes.
     *
     * @throws IllegalArgumentException if {@code page < 1}, {@code size} is not within 1..100 or
     *     {@code text} has more than {@value #MAX_TEXT_WORDS} distinct words
     */
    public ArticleQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page: must be 1 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be 1 to 100, was " + size);
        }
        text = text == null || text.isBlank() ? null : text.strip();
        int words = ArticleStorage.searchWordCount(text);
        if (words > MAX_TEXT_WORDS) {
            throw new IllegalArgumentException("text: must have at most " + MAX_TEXT_WORDS
                    + " distinct words, had " + words);
        }
        categorySlug = categorySlug == null || categorySlug.isBlank() ? null : categorySlug.strip();
        tagSlug = tagSlug == null || tagSlug.isBlank() ? null : tagSlug.strip();
    }

    /**
     * An unfiltered query.
     *
     * @param page the page number, 1 or more
     * @param size the page size, 1 to 100
     * @return the query
     * @throws IllegalArgumentException if a value is out of range
     */
    public static ArticleQuery of(int page, int size) {
        return new ArticleQuery(page, size, null, null, null);
    }

    /**
     * This query with search words.
     *
     * @param text the words, or null
     * @return a copy
     * @throws IllegalArgumentException if {@code text} has more than {@value #MAX_TEXT_WORDS} distinct words
     */
    public ArticleQuery withText(String text) {
        return new ArticleQuery(page, size, text, categorySlug, tagSlug);
    }

    /**
     * This query restricted to a category.
     *
     * @param categorySlug the category's slug, or null
     * @return a copy
     */
    public ArticleQuery withCategory(String categorySlug) {
        return new ArticleQuery(page, size, text, categorySlug, tagSlug);
    }

    /**
     * This query restricted to a tag.
     *
     * @param tagSlug the tag's slug, or null
     * @return a copy
     */
    public ArticleQuery withTag(String tagSlug) {
        return new ArticleQuery(page, size, text, categorySlug, tagSlug);
    }

    /**
     * The number of items before this page.
     *
     * @return (page - 1) * size
     */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
