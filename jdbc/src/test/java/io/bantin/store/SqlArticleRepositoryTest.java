package io.bantin.store;

import io.bantin.testing.ArticleRepositoryContract;
import io.bantin.render.ArticleHtml;
import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.article.Article;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleRepository;
import io.bantin.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared repository contract on a real SQLite file, plus what only a database can show. */
class SqlArticleRepositoryTest extends ArticleRepositoryContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected ArticleRepository create(MutableClock clock) {
        db = Database.sqlite(dir.resolve("bantin.db"));
        return new SqlArticleRepository(db, clock, ArticleHtml.policy());
    }

    @Override
    protected void release() {
        db.close();
    }

    @Test
    void articlesSurviveARestart() {
        Article saved = repo.save(article("Còn nguyên sau khi khởi động lại").tags("Bền vững", "Lưu trữ").build());
        db.close();
        try (Database reopened = Database.sqlite(dir.resolve("bantin.db"))) {
            SqlArticleRepository again = new SqlArticleRepository(reopened, clock, ArticleHtml.policy());
            assertThat(again.findById(saved.id())).contains(saved);
            assertThat(again.published(ArticleQuery.of(1, 10).withText("khoi dong")).items()).containsExactly(saved);
            assertThat(again.save(article("Bài mới").build()).id()).isGreaterThan(saved.id());
        }
    }

    @Test
    void idsAreNeverReused() {
        Article a = repo.save(article("Một").build());
        Article b = repo.save(article("Hai").build());
        repo.delete(b.id());
        Article c = repo.save(article("Ba").build());
        assertThat(c.id()).isGreaterThan(b.id()).isGreaterThan(a.id());
    }
}
