package io.bantin.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleKeyTest {
    private static final Instant T = Instant.parse("2026-11-27T03:08:00Z");

    @Test
    void visibilityFollowsTheArticleRule() {
        for (Status status : Status.values()) {
            for (Instant published : new Instant[] {null, T.minusSeconds(1), T, T.plusSeconds(1)}) {
                if (status == Status.SCHEDULED && published == null) {
                    continue; // not a valid article
                }
                Article a = Article.builder().id(1).slug("tin").title("Tin").status(status).publishedAt(published)
                        .updatedAt(T).build();
                assertThat(ArticleKey.of(a).isVisibleAt(T)).as(status + " " + published).isEqualTo(a.isVisibleAt(T));
            }
        }
    }

    @Test
    void valuesAreValidatedAndCompared() {
        ArticleKey k = new ArticleKey(7, "tin", Status.PUBLISHED, T, T);
        assertThat(k).isEqualTo(new ArticleKey(7, "tin", Status.PUBLISHED, T, T)).hasSameHashCodeAs(
                new ArticleKey(7, "tin", Status.PUBLISHED, T, T)).isNotEqualTo(new ArticleKey(7, "tin-2", Status.PUBLISHED, T, T));
        assertThat(k.toString()).contains("id=7", "slug=tin", "PUBLISHED");
        assertThatIllegalArgumentException().isThrownBy(() -> new ArticleKey(0, "tin", Status.DRAFT, null, T)).withMessageStartingWith("id:");
        assertThatIllegalArgumentException().isThrownBy(() -> new ArticleKey(1, "", Status.DRAFT, null, T)).withMessageStartingWith("slug:");
        assertThatNullPointerException().isThrownBy(() -> new ArticleKey(1, "tin", null, null, T)).withMessage("status");
        assertThatNullPointerException().isThrownBy(() -> new ArticleKey(1, "tin", Status.DRAFT, null, null)).withMessage("updatedAt");
    }
}
