package io.bantin.server.articles;

import io.bantin.render.ArticleHtml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.article.ArticleValidationException;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.article.Status;
import io.bantin.server.CountingArticles;
import io.bantin.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArticleIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:08:00Z");

    private MutableClock clock;
    private InMemoryArticleRepository repo;
    private CountingArticles counting;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        repo = new InMemoryArticleRepository(clock, ArticleHtml.policy());
        counting = new CountingArticles(repo);
    }

    private static Article.Builder article(String title) {
        return Article.builder().title(title).summary("Tóm tắt").body("<p>Nội dung</p>").status(Status.PUBLISHED)
                .publishedAt(T0.minus(Duration.ofHours(1)));
    }

    @Test
    void loadsEveryArticleWithOneQueryAndLooksUpWithoutAny() {
        Article a = repo.save(article("Khánh thành cầu Bến Đò").build());
        Article d = repo.save(article("Bản nháp").status(Status.DRAFT).publishedAt(null).build());
        Article x = repo.save(article("Lưu trữ").status(Status.ARCHIVED).build());

        ArticleIndex index = ArticleIndex.load(counting, clock);
        assertThat(counting.calls()).containsExactly("keys@" + Thread.currentThread().getName());
        counting.clear();

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.visibleId("khanh-thanh-cau-ben-do")).isEqualTo(a.id());
        assertThat(index.visibleId("ban-nhap")).as("a draft is not counted").isZero();
        assertThat(index.visibleId("luu-tru")).as("nor an archived article").isZero();
        assertThat(index.find("ban-nhap")).contains(ArticleKey.of(d));
        assertThat(index.find("luu-tru")).contains(ArticleKey.of(x));
        assertThat(index.find("khanh-thanh-cau-ben-do")).contains(ArticleKey.of(a));
        assertThat(counting.calls()).isEmpty();
    }

    @Test
    void anUnknownSlugIsNotFound() {
        repo.save(article("Tin").build());
        ArticleIndex index = ArticleIndex.load(counting, clock);
        counting.clear();
        for (String slug : new String[] {null, "", "tin-2", "ti", "tinn", "TIN", "tín", "x".repeat(10_000)}) {
            assertThat(index.visibleId(slug)).as(String.valueOf(slug)).isZero();
            assertThat(index.find(slug)).as(String.valueOf(slug)).isEmpty();
        }
        assertThat(index.visibleId("tin")).isPositive();
        assertThat(counting.calls()).isEmpty();
    }

    @Test
    void anEmptyRepositoryGivesAnEmptyIndexThatGrows() {
        ArticleIndex index = ArticleIndex.load(repo, clock);
        assertThat(index.size()).isZero();
        assertThat(index.visibleId("tin")).isZero();
        Article a = index.save(article("Tin").build());
        assertThat(index.visibleId("tin")).isEqualTo(a.id());
    }

    @Test
    void writesGoThroughToTheRepositoryAndTheIndex() {
        ArticleIndex index = ArticleIndex.load(counting, clock);

        Article created = index.save(article("Họp báo thường kỳ").build());
        assertThat(repo.findById(created.id())).contains(created);
        assertThat(index.visibleId("hop-bao-thuong-ky")).isEqualTo(created.id());

        clock.advance(Duration.ofMinutes(1));
        Article edited = index.save(created.toBuilder().title("Họp báo thường kỳ tháng 11").build());
        assertThat(index.find("hop-bao-thuong-ky")).contains(ArticleKey.of(edited));
        assertThat(index.find("hop-bao-thuong-ky").orElseThrow().updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));

        Article renamed = index.save(edited.toBuilder().slug("hop-bao-thang-11").build());
        assertThat(index.visibleId("hop-bao-thuong-ky")).as("the old slug is gone").isZero();
        assertThat(index.visibleId("hop-bao-thang-11")).isEqualTo(created.id());

        // The old slug is free for another article at once.
        Article other = index.save(article("Họp báo thường kỳ").build());
        assertThat(other.slug()).isEqualTo("hop-bao-thuong-ky");
        assertThat(index.visibleId("hop-bao-thuong-ky")).isEqualTo(other.id());

        index.save(renamed.toBuilder().status(Status.DRAFT).build());
        assertThat(index.visibleId("hop-bao-thang-11")).as("unpublished").isZero();
        assertThat(index.find("hop-bao-thang-11")).map(ArticleKey::status).contains(Status.DRAFT);

        assertThat(index.delete(created.id())).isTrue();
        assertThat(index.find("hop-bao-thang-11")).isEmpty();
        assertThat(repo.findById(created.id())).isEmpty();
        assertThat(index.delete(created.id())).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.visibleId("hop-bao-thuong-ky")).isEqualTo(other.id());
    }

    @Test
    void aRefusedWriteLeavesTheIndexAsItWas() {
        ArticleIndex index = ArticleIndex.load(repo, clock);
        Article a = index.save(article("Một").slug("tin-mot").build());
        index.save(article("Hai").slug("tin-hai").build());
        assertThatThrownBy(() -> index.save(a.toBuilder().slug("tin-hai").build()))
                .isInstanceOf(ArticleValidationException.class);
        assertThat(index.visibleId("tin-mot")).isEqualTo(a.id());
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aScheduledArticleBecomesVisibleExactlyAtItsTime() {
        Instant at = T0.plus(Duration.ofHours(2));
        ArticleIndex index = ArticleIndex.load(counting, clock);
        Article s = index.save(article("Lịch tiếp dân").status(Status.SCHEDULED).publishedAt(at).build());
        counting.clear();

        assertThat(index.visibleId("lich-tiep-dan")).isZero();
        clock.set(at.minusMillis(1));
        assertThat(index.visibleId("lich-tiep-dan")).isZero();
        clock.set(at.minusNanos(1));
        assertThat(index.visibleId("lich-tiep-dan")).isZero();
        clock.set(at);
        assertThat(index.visibleId("lich-tiep-dan")).isEqualTo(s.id());
        clock.advance(Duration.ofDays(3));
        assertThat(index.visibleId("lich-tiep-dan")).isEqualTo(s.id());
        assertThat(counting.calls()).as("no update was needed").isEmpty();
    }

    @Test
    void refreshReadsWhatChangedBehindItsBack() {
        Article a = repo.save(article("Một").build());
        Article b = repo.save(article("Hai").build());
        ArticleIndex index = ArticleIndex.load(repo, clock);
        assertThat(index.refresh()).as("nothing changed").isFalse();

        clock.advance(Duration.ofSeconds(10));
        Article c = repo.save(article("Ba").build());
        repo.save(a.toBuilder().slug("mot-moi").build());
        assertThat(index.visibleId("ba")).isZero();
        assertThat(index.refresh()).isTrue();
        assertThat(index.visibleId("ba")).isEqualTo(c.id());
        assertThat(index.visibleId("mot")).isZero();
        assertThat(index.visibleId("mot-moi")).isEqualTo(a.id());
        assertThat(index.refresh()).isFalse();

        // A deletion leaves no row to read; the count gives it away.
        repo.delete(b.id());
        assertThat(index.refresh()).isTrue();
        assertThat(index.visibleId("hai")).isZero();
        assertThat(index.size()).isEqualTo(2);

        // Deleted and created in one interval: the count matches, the new row does not.
        clock.advance(Duration.ofSeconds(10));
        repo.delete(c.id());
        Article e = repo.save(article("Năm").build());
        assertThat(index.refresh()).isTrue();
        assertThat(index.visibleId("ba")).isZero();
        assertThat(index.visibleId("nam")).isEqualTo(e.id());
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aRefreshWithNoChangeReadsOnlyTheCountAndTheRecentKeys() {
        repo.save(article("Một").build());
        ArticleIndex index = ArticleIndex.load(counting, clock);
        counting.clear();
        assertThat(index.refresh()).isFalse();
        String thread = Thread.currentThread().getName();
        assertThat(counting.calls()).containsExactly("count@" + thread, "keys@" + thread);
    }

    @Test
    void aSlugTakenOverElsewhereMovesToItsNewArticle() {
        Article a = repo.save(article("Tin").build());
        ArticleIndex index = ArticleIndex.load(repo, clock);
        clock.advance(Duration.ofSeconds(1));
        repo.save(a.toBuilder().slug("tin-cu").build());
        Article b = repo.save(article("Tin").build());
        assertThat(b.slug()).isEqualTo("tin");
        index.refresh();
        assertThat(index.visibleId("tin")).isEqualTo(b.id());
        assertThat(index.visibleId("tin-cu")).isEqualTo(a.id());
        assertThat(index.size()).isEqualTo(2);
    }

    /**
     * Random saves, renames, status changes and deletes, some through the index and some behind its
     * back followed by a refresh: after each step the index must answer every slug ever used as the
     * repository does. Exercises the hand-written hash table (removal shifts, growth and shrinking).
     */
    @Test
    void agreesWithTheRepositoryUnderRandomWrites() {
        Random random = new Random(20261127);
        ArticleIndex index = ArticleIndex.load(repo, clock);
        Set<String> slugs = new LinkedHashSet<>();
        List<Long> ids = new ArrayList<>();
        for (int step = 0; step < 2_000; step++) {
            clock.advance(Duration.ofMillis(1 + random.nextInt(1_000)));
            boolean behind = random.nextInt(4) == 0;
            int op = random.nextInt(10);
            if (ids.isEmpty() || op < 4) {
                Status status = Status.values()[random.nextInt(4)];
                Instant published = clock.instant().plus(Duration.ofSeconds(random.nextInt(600) - 300));
                Article saved = save(index, behind, article("Tin số " + random.nextInt(200)).status(status)
                        .publishedAt(published).build());
                ids.add(saved.id());
                slugs.add(saved.slug());
            } else if (op < 7) {
                long id = ids.get(random.nextInt(ids.size()));
                Article old = repo.findById(id).orElseThrow();
                String slug = "doi-ten-" + random.nextInt(300);
                if (repo.findBySlug(slug).isEmpty()) {
                    save(index, behind, old.toBuilder().slug(slug).status(Status.values()[random.nextInt(4)]).build());
                    slugs.add(slug);
                }
            } else {
                long id = ids.remove(random.nextInt(ids.size()));
                if (behind) {
                    repo.delete(id);
                } else {
                    index.delete(id);
                }
            }
            if (behind) {
                index.refresh();
            }
            assertThat(index.size()).as("step %d", step).isEqualTo(repo.count());
            Instant now = clock.instant();
            for (String slug : slugs) {
                Optional<Article> truth = repo.findBySlug(slug);
                assertThat(index.find(slug)).as("step %d %s", step, slug).isEqualTo(truth.map(ArticleKey::of));
                assertThat(index.visibleId(slug)).as("step %d %s", step, slug)
                        .isEqualTo(truth.filter(t -> t.isVisibleAt(now)).map(Article::id).orElse(0L));
            }
        }
    }

    private Article save(ArticleIndex index, boolean behind, Article article) {
        return behind ? repo.save(article) : index.save(article);
    }
}
