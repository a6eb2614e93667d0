package io.bantin.visit;

/**
 * What the counter remembers of one active visitor: 32 bytes plus the viewed-article ids. Mutated
 * under its own monitor, which serialises all hits of one visitor and their eviction.
 */
final class Visitor {

    /** {@link #lastHit} of an entry that left the cache; whoever holds it must look up again. */
    static final long REMOVED = Long.MIN_VALUE;

    /**
     * {@link #lastHit} of a visitor this counter has not seen, known only from other counters' hits
     * ({@link #elsewhere}), and {@link #elsewhere} of one no other counter was seen to have.
     */
    static final long NONE = Long.MIN_VALUE + 1;

    /**
     * Beyond this many distinct articles in one visit (a scraper, not a reader) none more count as
     * article views; the hits still count as page views. Documented on {@link VisitCounter}.
     */
    static final int MAX_ARTICLES_PER_VISIT = io.bantin.visit.spi.VisitIntervals.MAX_ARTICLES_PER_VISIT;

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
    /** The visit's value of each dimension (those of its first hit), or null when none are kept. */
    String[] values;
    /**
     * The latest hit other counters sharing the store saw of this visitor, or {@link #NONE}: counts
     * for who is online, never for this counter's own visit, which must not claim a gap it did not see.
     */
    long elsewhere = NONE;
    /** What of the open visit a flush already took out of the unflushed buckets (replaced with each new visit). */
    Taken taken = new Taken();

    /**
     * What of one visit the flushes already took out of the day's unflushed amounts, once the store
     * holds it: the visit itself, its dimension values, how many of its articles (a prefix: articles
     * are only appended) and its end. Shared by the visitor and, once the visit ended, by the ended visit waiting
     * for a flush, so that a visit's amounts are taken exactly once. Guarded by its own monitor.
     */
    static final class Taken {
        boolean visit;
        boolean values;
        int articles;
        /** The latest end of the visit the store acknowledged. */
        long end = Long.MIN_VALUE;

        /** Everything of a visit that came from the store, which no bucket holds. */
        static Taken all(int articles, long end) {
            Taken t = new Taken();
            t.end = end;
            t.visit = true;
            t.values = true;
            t.articles = articles;
            return t;
        }

        /**
         * Whether the store already holds the visit exactly as given: then sending it again would change
         * nothing, and once its day's intervals are forgotten it would count again.
         */
        synchronized boolean holds(long visitEnd, long[] articles, String[] visitValues) {
            return visit && (values || visitValues == null) && this.articles >= (articles == null ? 0 : articles.length)
                    && end >= visitEnd;
        }
    }

    Visitor(long lastHit, long visitStart, long[] articles) {
        this.lastHit = lastHit;
        this.visitStart = visitStart;
        this.articles = articles;
    }

    /** Whether this counter saw a hit of the visitor (or restored their visit), not only other counters. */
    boolean seenHere() {
        return lastHit != NONE;
    }

    /** The visitor's latest hit on any counter, as far as this one knows: where the online ring counts them. */
    long onlineAt() {
        return Math.max(lastHit, elsewhere);
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
