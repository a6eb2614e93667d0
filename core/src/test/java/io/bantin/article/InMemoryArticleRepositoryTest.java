package io.bantin.article;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.bantin.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryArticleRepositoryTest extends AbstractArticleRepositoryTest {

    @Override
    protected ArticleRepository create(MutableClock clock) {
        return new InMemoryArticleRepository(clock);
    }

    @Test
    void needsAClock() {
        assertThatNullPointerException().isThrownBy(() -> new InMemoryArticleRepository(null)).withMessage("clock");
    }
}
