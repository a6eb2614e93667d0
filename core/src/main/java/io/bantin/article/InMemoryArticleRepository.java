package io.bantin.article;

import io.bantin.article.internal.ArticleStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An {@link ArticleRepository} in memory, for tests and demos. Thread-safe: every method holds one
 * lock, so readers always see a whole save. Lost at shutdown.
 */
public final class InMemoryArticleRepository implements ArticleRepository {

    private static final Comparator<Article> NEWEST_PUBLISHED = Comparator
            .comparing(Article::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Comparator.comparingLong(Article::id).reversed());
    private static final Comparator<Article> NEWEST_UPDATED = Comparator
            .comparing(Article::updatedAt, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingLong(Article::id).reversed());

    private final Clock clock;
    private final HtmlPolicy html;
    private final Map<Long, Stored> byId = new HashMap<>();
    private final Map<String, Long> idBySlug = new HashMap<>();
    private long lastId;

    private record Stored(Article article, String searchText) {
    }

    /**
     * Creates an empty repository.
     *
     * @param clock sets {@code updatedAt} and decides when scheduled articles are due
     * @param html cleans bodies on save and reads their text for search (bantin-render's
     *     {@code ArticleHtml.policy()})
     * @throws NullPointerException if an argument is null
     */
    public InMemoryArticleRepository(Clock clock, HtmlPolicy html) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.html = Objects.requireNonNull(html, "html");
    }

    @Override
    public synchronized Article save(Article article) {
        Objects.requireNonNull(article, "article");
        if (article.id() > 0 && !byId.containsKey(article.id())) {
            throw new IllegalArgumentException("id: no article with id " + article.id());
        }
        Article prepared = ArticleStorage.prepare(article, clock.instant(), html);
        String slug = ArticleStorage.chooseSlug(prepared, idBySlug::get);
        long id = prepared.id() > 0 ? prepared.id() : ++lastId;
        Article stored = prepared.toBuilder().id(id).slug(slug).build();
        Stored previous = byId.put(id, new Stored(stored, ArticleStorage.searchText(stored, html)));
        if (previous != null) {
            idBySlug.remove(previous.article().slug());
        }
        idBySlug.put(slug, id);
        return stored;
    }

    @Override
    public synchronized Optional<Article> findById(long id) {
        return Optional.ofNullable(byId.get(id)).map(Stored::article);
    }

    @Override
    public synchronized Optional<Article> findBySlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        Long id = idBySlug.get(slug);
        return id == null ? Optional.empty() : findById(id);
    }

    @Override
    public synchronized Page<Article> published(ArticleQuery query) {
        Objects.requireNonNull(query, "query");
        List<String> terms = ArticleStorage.searchTerms(query.text());
        List<Article> hits = visible()
                .filter(s -> query.categorySlug() == null
                        || query.categorySlug().equals(ArticleStorage.slugOf(s.article().category())))
                .filter(s -> query.tagSlug() == null
                        || s.article().tags().stream().map(ArticleStorage::slugOf).anyMatch(query.tagSlug()::equals))
                .filter(s -> ArticleStorage.matches(s.searchText(), terms))
                .map(Stored::article)
                .sorted(NEWEST_PUBLISHED)
                .toList();
        return page(hits, query.page(), query.size());
    }

    @Override
    public synchronized Page<Article> all(int page, int size) {
        ArticleQuery checked = ArticleQuery.of(page, size);
        List<Article> sorted = byId.values().stream().map(Stored::article).sorted(NEWEST_UPDATED).toList();
        return page(sorted, checked.page(), checked.size());
    }

    @Override
    public synchronized List<String> categories() {
        TreeSet<String> names = new TreeSet<>(ArticleStorage.CATEGORY_ORDER);
        visible().map(s -> s.article().category()).filter(Objects::nonNull).forEach(names::add);
        return List.copyOf(names);
    }

    @Override
    public synchronized boolean delete(long id) {
        Stored removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        idBySlug.remove(removed.article().slug());
        return true;
    }

    @Override
    public synchronized List<ArticleKey> keys(Instant updatedAfter) {
        return byId.values().stream()
                .map(Stored::article)
                .filter(a -> updatedAfter == null || a.updatedAt().isAfter(updatedAfter))
                .map(ArticleKey::of)
                .sorted(Comparator.comparing(ArticleKey::updatedAt).thenComparingLong(ArticleKey::id))
                .toList();
    }

    @Override
    public synchronized List<ArticleKey> publishedKeys() {
        return visible().map(Stored::article).sorted(NEWEST_PUBLISHED).map(ArticleKey::of).toList();
    }

    @Override
    public synchronized long count() {
        return byId.size();
    }

    private Stream<Stored> visible() {
        Instant now = clock.instant();
        return byId.values().stream().filter(s -> s.article().isVisibleAt(now));
    }

    private static Page<Article> page(List<Article> sorted, int page, int size) {
        long from = (long) (page - 1) * size;
        List<Article> items = from >= sorted.size()
                ? List.of()
                : new ArrayList<>(sorted.subList((int) from, (int) Math.min(sorted.size(), from + size)));
        return new Page<>(items, page, size, sorted.size());
    }
}
