package io.bantin.testing;

import io.bantin.article.ArticleRepository;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.testing.ArticleRepositoryContract;
import io.bantin.render.ArticleHtml;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.bantin.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryArticleRepositoryTest extends ArticleRepositoryContract {

    @Override
    protected ArticleRepository create(MutableClock clock) {
        return new InMemoryArticleRepository(clock, ArticleHtml.policy());
    }

    @Test
    void needsAClock() {
        assertThatNullPointerException().isThrownBy(() -> new InMemoryArticleRepository(null, ArticleHtml.policy())).withMessage("clock");
    }
}
