package io.bantin.testing;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleRepository;
import io.bantin.article.Page;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.testing.ArticleRepositoryContract;
import io.bantin.render.ArticleHtml;
import io.bantin.testing.MutableClock;
import java.util.List;
import java.util.Optional;

/**
 * The repository contract for an embedder's repository written before {@link ArticleRepository#keys}
 * and {@link ArticleRepository#count()} existed: the interface's defaults must behave the same.
 */
class DefaultKeysRepositoryTest extends ArticleRepositoryContract {

    @Override
    protected ArticleRepository create(MutableClock clock) {
        return new OnlyTheOldMethods(new InMemoryArticleRepository(clock, ArticleHtml.policy()));
    }

    /** Implements only the methods every repository had from the start. */
    private static final class OnlyTheOldMethods implements ArticleRepository {
        private final ArticleRepository delegate;

        OnlyTheOldMethods(ArticleRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Article save(Article article) {
            return delegate.save(article);
        }

        @Override
        public Optional<Article> findById(long id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<Article> findBySlug(String slug) {
            return delegate.findBySlug(slug);
        }

        @Override
        public Page<Article> published(ArticleQuery query) {
            return delegate.published(query);
        }

        @Override
        public Page<Article> all(int page, int size) {
            return delegate.all(page, size);
        }

        @Override
        public List<String> categories() {
            return delegate.categories();
        }

        @Override
        public boolean delete(long id) {
            return delegate.delete(id);
        }
    }
}
