package io.bantin.store;

import io.bantin.testing.ArticleRepositoryContract;
import io.bantin.render.ArticleHtml;
import io.bantin.article.ArticleRepository;
import io.bantin.testing.MutableClock;

/**
 * The shared repository contract on a real PostgreSQL (see {@link TestPostgres}), each test in a
 * database of its own: the SQL is portable, not just written to be.
 */
class SqlArticleRepositoryPostgresTest extends ArticleRepositoryContract {

    private ThrowawayDatabase postgres;
    private Database db;

    @Override
    protected ArticleRepository create(MutableClock clock) {
        postgres = TestPostgres.createDatabase();
        db = Database.of(postgres.dataSource());
        return new SqlArticleRepository(db, clock, ArticleHtml.policy());
    }

    @Override
    protected void release() {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
