package io.bantin.visit;

/**
 * What the counter remembers of one active visitor: 32 bytes plus the viewed-article ids. Mutated
 * under its own monitor, which serialises all hits of one visitor and their eviction.
 */
final class Visitor {

    /** {@link #lastHit} of an entry that left the cache; whoever holds it must look up again. */
    static final long REMOVED = Long.MIN_VALUE;

    /**
     * Beyond this many distinct articles in one visit (a scraper, not a reader) none more count as
     * article views; the hits still count as page views. Documented on {@link VisitCounter}.
     */
    static final int MAX_ARTICLES_PER_VISIT = 256;

    /** Viewed-article ids covered by one unit of cache weight beyond the first. */
    static final int ARTICLES_PER_WEIGHT = 4;

    /**
     * The visitor's share of the cap, in units of one article-less visitor (~165 bytes): one, plus
     * one per {@link #ARTICLES_PER_WEIGHT} viewed articles (32 bytes each), so that no unit stands for
     * more than ~205 bytes however many articles a visitor views (65 units for 256 articles, 2.3 KB).
     */
    static int weight(long[] articles) {
        return 1 + (articles == null ? 0 : articles.length / ARTICLES_PER_WEIGHT);
    }

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
