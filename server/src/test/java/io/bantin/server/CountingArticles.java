package io.bantin.server;

import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleRepository;
import io.bantin.article.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A repository that notes every call as {@code "method@thread"}, so a test can prove which code
 * touched the database and on which thread. Thread-safe.
 */
public final class CountingArticles implements ArticleRepository {
    private final ArticleRepository delegate;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public CountingArticles(ArticleRepository delegate) {
        this.delegate = delegate;
    }

    /** Every call since the last {@link #clear()}, e.g. {@code "findBySlug@bantin-http-12"}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many calls of {@code method} since the last {@link #clear()}. */
    public long count(String method) {
        return calls.stream().filter(c -> c.startsWith(method + "@")).count();
    }

    /** Forgets the calls so far. */
    public void clear() {
        calls.clear();
    }

    private void note(String method) {
        calls.add(method + "@" + Thread.currentThread().getName());
    }

    @Override
    public Article save(Article article) {
        note("save");
        return delegate.save(article);
    }

    @Override
    public Optional<Article> findById(long id) {
        note("findById");
        return delegate.findById(id);
    }

    @Override
    public Optional<Article> findBySlug(String slug) {
        note("findBySlug");
        return delegate.findBySlug(slug);
    }

    @Override
    public Page<Article> published(ArticleQuery query) {
        note("published");
        return delegate.published(query);
    }

    @Override
    public Page<Article> all(int page, int size) {
        note("all");
        return delegate.all(page, size);
    }

    @Override
    public List<String> categories() {
        note("categories");
        return delegate.categories();
    }

    @Override
    public boolean delete(long id) {
        note("delete");
        return delegate.delete(id);
    }

    @Override
    public List<ArticleKey> keys(Instant updatedAfter) {
        note("keys");
        return delegate.keys(updatedAfter);
    }

    @Override
    public List<ArticleKey> publishedKeys() {
        note("publishedKeys");
        return delegate.publishedKeys();
    }

    @Override
    public long count() {
        note("count");
        return delegate.count();
    }
}
