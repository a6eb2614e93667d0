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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A repository that notes every call as {@code "method@thread"}, so a test can prove which code
 * touched the database and on which thread, and counts the articles and body characters it handed
 * out, so a test can prove a listing loads no more than it shows. Thread-safe.
 */
public final class CountingArticles implements ArticleRepository {
    private final ArticleRepository delegate;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong articlesLoaded = new AtomicLong();
    private final AtomicLong bodyCharsLoaded = new AtomicLong();

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

    /** How many whole or teaser articles the calls since the last {@link #clear()} returned. */
    public long articlesLoaded() {
        return articlesLoaded.get();
    }

    /** How many characters of article bodies the calls since the last {@link #clear()} returned. */
    public long bodyCharsLoaded() {
        return bodyCharsLoaded.get();
    }

    /** Forgets the calls and counts so far. */
    public void clear() {
        calls.clear();
        articlesLoaded.set(0);
        bodyCharsLoaded.set(0);
    }

    private Article loaded(Article a) {
        articlesLoaded.incrementAndGet();
        bodyCharsLoaded.addAndGet(a.body().length());
        return a;
    }

    private Page<Article> loaded(Page<Article> page) {
        page.items().forEach(this::loaded);
        return page;
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
        return delegate.findById(id).map(this::loaded);
    }

    @Override
    public Optional<Article> findBySlug(String slug) {
        note("findBySlug");
        return delegate.findBySlug(slug).map(this::loaded);
    }

    @Override
    public Page<Article> published(ArticleQuery query) {
        note("published");
        return loaded(delegate.published(query));
    }

    @Override
    public Page<Article> publishedTeasers(ArticleQuery query) {
        note("publishedTeasers");
        return loaded(delegate.publishedTeasers(query));
    }

    @Override
    public Page<Article> all(int page, int size) {
        note("all");
        return loaded(delegate.all(page, size));
    }

    @Override
    public Page<Article> allTeasers(int page, int size) {
        note("allTeasers");
        return loaded(delegate.allTeasers(page, size));
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
