package io.bantin.visit;

/**
 * What the counter remembers of one active visitor: 32 bytes plus the viewed-article ids. Mutated
 * under its own monitor, which serialises all hits of one visitor and their eviction.
 */
final class Visitor {

    /** {@link #lastHit} of an entry that left the cache; whoever holds it must look up again. */
    static final long REMOVED = Long.MIN_VALUE;

    /** Beyond this many distinct articles in one visit (a scraper, not a reader) none more count. */
    static final int MAX_ARTICLES_PER_VISIT = 256;

    long lastHit;
    long visitStart;
    long[] articles;

    Visitor(long lastHit, long visitStart, long[] articles) {
        this.lastHit = lastHit;
        this.visitStart = visitStart;
        this.articles = articles;
    }

    /** Records that the article was viewed in this visit; false if it already was. */
    boolean markViewed(long articleId) {
        long[] current = articles;
        if (current == null) {
            articles = new long[] {articleId};
            return true;
        }
        for (long id : current) {
            if (id == articleId) {
                return false;
            }
        }
        if (current.length >= MAX_ARTICLES_PER_VISIT) {
            return false;
        }
        long[] grown = java.util.Arrays.copyOf(current, current.length + 1);
        grown[current.length] = articleId;
        articles = grown;
        return true;
    }
}
