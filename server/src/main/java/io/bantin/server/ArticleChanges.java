package io.bantin.server;

import io.bantin.server.articles.ArticleLookup;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this server's articles in step with what any server on the same database wrote. Every
 * write to {@code bantin_articles}, by whichever server, moves the {@code article_changes} number
 * in the same transaction (a trigger of the server's V3 migration); {@link #poll()} reads that one
 * row and, when it moved, refreshes the article index and forgets every cache derived from the
 * articles (pages, categories, sitemaps), so a change made through one server is served by all of
 * them within one poll.
 *
 * <p>{@link #publishDue()} publishes scheduled articles whose time has come: each with one
 * conditional {@code UPDATE} whose row count says whether this server did it, so that with several
 * servers racing each article is published, counted as a change and logged exactly once. Readers
 * saw a due article before that already (visibility follows the clock); the transition makes its
 * stored status say so.
 *
 * <p>Both are for one background thread, never a request's.
 */
final class ArticleChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleChanges.class);

    private static final String READ = "SELECT counter FROM bantin_server_state WHERE name = 'article_changes'";
    private static final String DUE = "SELECT id FROM bantin_articles WHERE status = 'scheduled' AND published_at <= :now "
            + "ORDER BY published_at, id";
    private static final String PUBLISH = "UPDATE bantin_articles SET status = 'published', updated_at = :now "
            + "WHERE id = :id AND status = 'scheduled' AND published_at <= :now";

    private final Jdbi jdbi;
    private final ArticleLookup lookup;
    private final Clock clock;
    /** The change number the caches reflect; only the polling thread touches it. */
    private long seen;

    /**
     * Reads the current change number: call it before the index is loaded, so that any write
     * after that load moves the number past what this server has seen.
     */
    ArticleChanges(Jdbi jdbi, ArticleLookup lookup, Clock clock, long seen) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seen = seen;
    }

    /** The database's change number now. */
    static long current(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(READ).mapTo(Long.class).one());
    }

    /**
     * Reads the change number and, when any server wrote articles since the last poll, reloads
     * what depends on them.
     *
     * @return whether anything was reloaded
     * @throws RuntimeException when the database cannot be read; the next poll tries again
     */
    boolean poll() {
        long now = current(jdbi);
        if (now == seen) {
            return false;
        }
        // The number is read before the articles: a write landing in between moves it again, and
        // the next poll reloads once more.
        lookup.changedElsewhere();
        seen = now;
        return true;
    }

    /**
     * Publishes every scheduled article whose time has come by this server's clock, each only if
     * no other server did so first.
     *
     * @return how many this server published
     * @throws RuntimeException when the database cannot be written; the next call tries again
     */
    int publishDue() {
        long now = clock.millis();
        List<Long> due = jdbi.withHandle(h -> h.createQuery(DUE).bind("now", now).mapTo(Long.class).list());
        int published = 0;
        for (long id : due) {
            int won = jdbi.withHandle(h -> h.createUpdate(PUBLISH).bind("now", now).bind("id", id).execute());
            if (won == 1) {
                published++;
                LOG.info("event=article_published_on_schedule id={}", id);
            }
        }
        return published;
    }
}
