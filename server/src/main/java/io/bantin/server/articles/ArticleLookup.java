package io.bantin.server.articles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.article.ArticleRepository;
import io.bantin.server.security.ClockTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The articles as the routes see them. Slugs are resolved by the in-memory {@link ArticleIndex}, so
 * an unknown or hidden slug costs no query and a hit none at all; whole articles (for the page and
 * the API) come from a small cache checked against the index's {@code updatedAt}, so an edit is
 * never served stale once the index knows it. Every write goes through {@link #save} or
 * {@link #delete}, which update the index and clear the caches, so editors see their changes at
 * once. Visibility is decided per request with the clock, never cached. Thread-safe.
 */
public final class ArticleLookup {
    private final ArticleIndex index;
    private final Clock clock;
    private final Cache<Long, Article> byId;
    private final Cache<String, List<String>> categories;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the lookups.
     *
     * @param index the loaded index, whose repository holds the articles
     * @param clock decides visibility and drives the categories' expiry
     */
    public ArticleLookup(ArticleIndex index, Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.byId = Caffeine.newBuilder().maximumSize(2_000).build();
        this.categories = Caffeine.newBuilder().ticker(new ClockTicker(clock))
                .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(1).build();
    }

    /**
     * The id of the article with this slug if the public may see it now; never touches the database.
     *
     * @param slug the slug, may be null
     * @return the id, or 0 for none
     */
    public long visibleId(String slug) {
        return index.visibleId(slug);
    }

    /**
     * The article with this slug in any status, or empty. Reads the database only for a slug the
     * index knows and an article not cached in its current version.
     */
    public Optional<Article> bySlug(String slug) {
        return index.find(slug).flatMap(this::load);
    }

    /** The article of this index entry: from the cache if it is that version, else from the database. */
    private Optional<Article> load(ArticleKey k) {
        Article cached = byId.getIfPresent(k.id());
        if (cached != null && cached.updatedAt().equals(k.updatedAt()) && cached.slug().equals(k.slug())) {
            return Optional.of(cached);
        }
        // Another server may have changed or deleted it since the index last refreshed: the database
        // has the last word, and a slug it no longer holds is not found.
        Optional<Article> fresh = index.repository().findById(k.id()).filter(a -> a.slug().equals(k.slug()));
        fresh.ifPresentOrElse(a -> byId.put(a.id(), a), () -> byId.invalidate(k.id()));
        return fresh;
    }

    /**
     * The article with this slug if the public may see it now, or empty; an unknown or hidden slug
     * costs no query.
     */
    public Optional<Article> visibleBySlug(String slug) {
        Instant now = clock.instant();
        // The index decides first (no query for a hidden slug); the article read may be newer.
        return index.find(slug).filter(k -> k.isVisibleAt(now)).flatMap(this::load).filter(a -> a.isVisibleAt(now));
    }

    /** Whether the public may see the article now. */
    public boolean visible(Article a) {
        return a.isVisibleAt(clock.instant());
    }

    /** Categories of visible articles, for the navigation (cached). */
    public List<String> categories() {
        return categories.get("all", k -> List.copyOf(index.repository().categories()));
    }

    /**
     * Saves an article through the index (repository first) and clears the caches, also on failure.
     *
     * @param article the article
     * @return the article as stored
     * @throws io.bantin.article.ArticleValidationException as {@link ArticleRepository#save} does
     */
    public Article save(Article article) {
        try {
            return index.save(article);
        } finally {
            invalidate();
        }
    }

    /**
     * Deletes an article through the index (repository first) and clears the caches.
     *
     * @param id the article's id
     * @return true if it existed
     */
    public boolean delete(long id) {
        try {
            return index.delete(id);
        } finally {
            invalidate();
        }
    }

    /**
     * Reads what other servers changed into the index ({@link ArticleIndex#refresh()}) and clears the
     * caches when anything did. For a background thread, never a request's.
     */
    public void refresh() {
        if (index.refresh()) {
            invalidate();
        }
    }

    /**
     * Another server changed articles: reads the index's changes and forgets every cache once,
     * whatever the index found (an edit of an article's text changes no key, and two edits within
     * one tick of the clock leave even {@code updatedAt} alike). For a background thread.
     */
    public void changedElsewhere() {
        try {
            index.refresh();
        } finally {
            invalidate();
        }
    }

    /** Forgets every cached article, page and category list. */
    public void invalidate() {
        byId.invalidateAll();
        categories.invalidateAll();
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** Runs {@code listener} after every {@link #invalidate()}, for caches derived from articles. */
    public void onInvalidate(Runnable listener) {
        listeners.add(listener);
    }

    /** The repository behind the index, for listings and reads by id (never for writes). */
    public ArticleRepository repository() {
        return index.repository();
    }
}
