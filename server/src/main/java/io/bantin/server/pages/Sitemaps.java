package io.bantin.server.pages;

import io.bantin.article.ArticleKey;
import io.bantin.article.ArticleRepository;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.SitemapLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The sitemap documents: {@code /sitemap.xml}, and past {@code pageSize} URLs a sitemap index of
 * {@code /sitemap-1.xml}, {@code /sitemap-2.xml}, … each holding at most {@code pageSize} URLs.
 *
 * <p>One narrow query ({@link ArticleRepository#publishedKeys()}: slugs and dates, no text) feeds a
 * snapshot that lives for {@code maxAge} by the clock, or until an article changes; each document is
 * rendered once per snapshot.
 * Answers say how long their snapshot still lives, so a proxy or crawler never keeps a sitemap longer
 * than this process does. Only one request rebuilds an expired snapshot; the others wait for it
 * rather than each running the query. Thread-safe.
 */
final class Sitemaps {
    /** The most URLs one sitemap may hold (sitemaps.org). */
    static final int MAX_URLS = 50_000;
    /** How long a snapshot is served, in process and in {@code Cache-Control}. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final ArticleRepository repository;
    private final Supplier<ArticleRenderer> renderer;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private final int pageSize;
    private final Duration maxAge;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile Snapshot snapshot;

    /** A document and how many more seconds it may be kept. */
    record Document(String xml, long maxAgeSeconds) {
    }

    /** What one query read, and the documents rendered from it so far (0 = {@code /sitemap.xml}). */
    private record Snapshot(List<ArticleKey> keys, Instant expires, ConcurrentHashMap<Integer, String> documents) {
    }

    /**
     * Creates the sitemaps.
     *
     * @param repository the articles; only {@link ArticleRepository#publishedKeys()} is called
     * @param renderer the site's renderer (known once the server listens)
     * @param baseUrl the public base URL, for the index's addresses
     * @param clock decides when a snapshot expires
     * @param pageSize the most URLs per sitemap, 1 to 50,000
     * @param maxAge how long a snapshot is served, positive
     * @throws IllegalArgumentException if {@code pageSize} or {@code maxAge} is out of range
     */
    Sitemaps(ArticleRepository repository, Supplier<ArticleRenderer> renderer, Supplier<String> baseUrl, Clock clock,
             int pageSize, Duration maxAge) {
        if (pageSize < 1 || pageSize > MAX_URLS) {
            throw new IllegalArgumentException("pageSize: must be 1 to " + MAX_URLS + ", was " + pageSize);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge: must be positive, was " + maxAge);
        }
        this.repository = Objects.requireNonNull(repository, "repository");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pageSize = pageSize;
        this.maxAge = maxAge;
    }

    /**
     * {@code /sitemap.xml}: every public article's URL while they fit in one sitemap, else the index.
     *
     * @return the document
     */
    Document root() {
        Instant now = clock.instant();
        Snapshot s = current(now);
        String xml = s.documents().computeIfAbsent(0, k -> s.keys().size() <= pageSize
                ? renderer.get().sitemapOfKeys(s.keys())
                : renderer.get().sitemapIndex(links(s.keys())));
        return new Document(xml, secondsLeft(s, now));
    }

    /**
     * {@code /sitemap-{n}.xml}: the n-th {@code pageSize} URLs, newest first.
     *
     * @param n the sitemap's number, from 1
     * @return the document, or empty when there is no such sitemap
     */
    Optional<Document> part(int n) {
        Instant now = clock.instant();
        Snapshot s = current(now);
        int parts = parts(s.keys().size());
        if (n < 1 || n > parts) {
            return Optional.empty();
        }
        String xml = s.documents().computeIfAbsent(n, k -> renderer.get().sitemapOfKeys(slice(s.keys(), k)));
        return Optional.of(new Document(xml, secondsLeft(s, now)));
    }

    private Snapshot current(Instant now) {
        Snapshot s = snapshot;
        if (s != null && now.isBefore(s.expires())) {
            return s;
        }
        rebuilding.lock();
        try {
            s = snapshot;
            if (s == null || !now.isBefore(s.expires())) {
                s = new Snapshot(List.copyOf(repository.publishedKeys()), now.plus(maxAge), new ConcurrentHashMap<>());
                snapshot = s;
            }
            return s;
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Forgets the snapshot, so the next request reads the articles again: called after any article
     * changed, through this server or another. Waits for a rebuild in progress, whose read may
     * predate the change.
     */
    void invalidate() {
        rebuilding.lock();
        try {
            snapshot = null;
        } finally {
            rebuilding.unlock();
        }
    }

    private List<SitemapLink> links(List<ArticleKey> keys) {
        String base = baseUrl.get();
        List<SitemapLink> links = new ArrayList<>();
        for (int n = 1; n <= parts(keys.size()); n++) {
            Instant newest = null;
            for (ArticleKey k : slice(keys, n)) {
                if (newest == null || k.updatedAt().isAfter(newest)) {
                    newest = k.updatedAt();
                }
            }
            links.add(new SitemapLink(base + "/sitemap-" + n + ".xml", newest));
        }
        return links;
    }

    private List<ArticleKey> slice(List<ArticleKey> keys, int n) {
        int from = (n - 1) * pageSize;
        return keys.subList(from, Math.min(keys.size(), from + pageSize));
    }

    /** At least one, so that an empty site still has {@code /sitemap-1.xml}. */
    private int parts(int urls) {
        return Math.max(1, (urls + pageSize - 1) / pageSize);
    }

    private static long secondsLeft(Snapshot s, Instant now) {
        // Rounded down: a proxy may keep the answer no longer than this process keeps the snapshot.
        return Math.max(0, Duration.between(now, s.expires()).getSeconds());
    }
}
