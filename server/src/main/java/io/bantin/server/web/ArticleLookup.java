package io.bantin.server.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.server.security.ClockTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A small read-through cache in front of the article repository for the hot paths: the article
 * page and {@code POST /api/hits} look articles up by slug on every request, and every page shows
 * the category navigation. Entries live briefly and every write through the server clears them,
 * so editors see their changes at once. Visibility is decided per request with the clock, never
 * cached. Thread-safe.
 */
public final class ArticleLookup {
    private final ArticleRepository repository;
    private final Clock clock;
    private final Cache<String, Optional<Article>> bySlug;
    private final Cache<String, List<String>> categories;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Creates the cache.
     *
     * @param repository the articles
     * @param clock decides visibility and drives expiry
     */
    public ArticleLookup(ArticleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.bySlug = Caffeine.newBuilder().ticker(new ClockTicker(clock))
                .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(5_000).build();
        this.categories = Caffeine.newBuilder().ticker(new ClockTicker(clock))
                .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(1).build();
    }

    /** The article with this slug in any status (cached), or empty. */
    public Optional<Article> bySlug(String slug) {
        if (slug == null || slug.isEmpty() || slug.length() > 200) {
            return Optional.empty();
        }
        return bySlug.get(slug, repository::findBySlug);
    }

    /** The article with this slug if the public may see it now, or empty. */
    public Optional<Article> visibleBySlug(String slug) {
        return bySlug(slug).filter(this::visible);
    }

    /** Whether the public may see the article now. */
    public boolean visible(Article a) {
        return a.isVisibleAt(clock.instant());
    }

    /** Categories of visible articles, for the navigation (cached). */
    public List<String> categories() {
        return categories.get("all", k -> List.copyOf(repository.categories()));
    }

    /** Forgets everything; call after any write. */
    public void invalidate() {
        bySlug.invalidateAll();
        categories.invalidateAll();
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** Runs {@code listener} after every {@link #invalidate()}, for caches derived from articles. */
    public void onInvalidate(Runnable listener) {
        listeners.add(listener);
    }

    /** The repository behind the cache, for writes and listings. */
    public ArticleRepository repository() {
        return repository;
    }
}
