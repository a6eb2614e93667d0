package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.article.Article;
import io.bantin.article.Status;
import io.bantin.render.ArticleHtml;
import io.bantin.server.articles.ArticleIndex;
import io.bantin.server.articles.ArticleLookup;
import io.bantin.server.security.AdminAccounts;
import io.bantin.store.Database;
import io.bantin.store.SqlArticleRepository;
import io.bantin.store.TestPostgres;
import io.bantin.store.ThrowawayDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The article change number and scheduled publishing, with two servers' views of one database. */
class ArticleChangesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));

    private static Article scheduled(String title, Instant at) {
        return Article.builder().title(title).summary("Tóm tắt.").body("<p>Nội dung.</p>")
                .status(Status.SCHEDULED).publishedAt(at).build();
    }

    /** What one server holds: its index and caches over the shared database, and its poller. */
    private record Server(ArticleLookup lookup, ArticleChanges changes) {
        static Server on(Database db, java.time.Clock clock) {
            SqlArticleRepository repository = new SqlArticleRepository(db, clock, ArticleHtml.policy());
            long seen = ArticleChanges.current(db.jdbi());
            ArticleLookup lookup = new ArticleLookup(ArticleIndex.load(repository, clock), clock);
            return new Server(lookup, new ArticleChanges(db.jdbi(), lookup, clock, seen));
        }
    }

    @Test
    void everyArticleWriteMovesTheChangeNumberAndAnotherServersPollReloadsOnceForIt(@TempDir Path dir) {
        try (Database db = sqlite(dir)) {
            Server a = Server.on(db, clock);
            Server b = Server.on(db, clock);
            AtomicInteger reloads = new AtomicInteger();
            b.lookup().onInvalidate(reloads::incrementAndGet);
            assertThat(b.changes().poll()).as("nothing written yet").isFalse();

            long before = ArticleChanges.current(db.jdbi());
            Article saved = a.lookup().save(scheduled("Lịch tiếp công dân", clock.instant().plus(Duration.ofHours(1))));
            assertThat(ArticleChanges.current(db.jdbi())).isEqualTo(before + 1);
            assertThat(b.lookup().bySlug(saved.slug())).as("b has not polled yet").isEmpty();
            assertThat(b.changes().poll()).isTrue();
            assertThat(reloads.get()).isEqualTo(1);
            assertThat(b.lookup().bySlug(saved.slug())).isPresent();
            assertThat(b.changes().poll()).as("nothing new").isFalse();
            assertThat(reloads.get()).isEqualTo(1);

            a.lookup().delete(saved.id());
            assertThat(ArticleChanges.current(db.jdbi())).isEqualTo(before + 2);
            assertThat(b.changes().poll()).isTrue();
            assertThat(b.lookup().bySlug(saved.slug())).isEmpty();
        }
    }

    @Test
    void aDueScheduledArticleIsPublishedOnceWhenTwoServersRaceOnSqlite(@TempDir Path dir) throws Exception {
        try (Database db = sqlite(dir)) {
            race(db);
        }
    }

    @Test
    void aDueScheduledArticleIsPublishedOnceWhenTwoServersRaceOnPostgresql() throws Exception {
        try (ThrowawayDatabase pg = TestPostgres.createDatabase(); Database db = Database.of(pg.dataSource())) {
            AdminAccounts.migrate(pg.dataSource());
            race(db);
        }
    }

    private void race(Database db) throws Exception {
        Server a = Server.on(db, clock);
        Server b = Server.on(db, clock);
        Article early = a.lookup().save(scheduled("Hội nghị tổng kết năm", clock.instant().plus(Duration.ofMinutes(30))));
        Article late = a.lookup().save(scheduled("Kế hoạch năm mới", clock.instant().plus(Duration.ofHours(3))));
        assertThat(a.changes().publishDue() + b.changes().publishDue()).as("none due").isZero();

        clock.advance(Duration.ofHours(1));
        long before = ArticleChanges.current(db.jdbi());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ArticleChanges changes = (i % 2 == 0 ? a : b).changes();
                runs.add(pool.submit(() -> {
                    go.await();
                    return changes.publishDue();
                }));
            }
            go.countDown();
            int published = 0;
            for (Future<Integer> run : runs) {
                published += run.get(30, TimeUnit.SECONDS);
            }
            assertThat(published).as("published over all runs of both servers").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ArticleChanges.current(db.jdbi()) - before).as("one transition, one change").isEqualTo(1);
        assertThat(a.lookup().repository().findById(early.id()).orElseThrow().status()).isEqualTo(Status.PUBLISHED);
        assertThat(a.lookup().repository().findById(late.id()).orElseThrow().status()).as("not due yet")
                .isEqualTo(Status.SCHEDULED);
        assertThat(b.changes().poll()).isTrue();
        assertThat(b.lookup().bySlug(early.slug()).orElseThrow().status()).isEqualTo(Status.PUBLISHED);
    }

    private static Database sqlite(Path dir) {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file);
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        AdminAccounts.migrate(ds);
        return db;
    }
}
