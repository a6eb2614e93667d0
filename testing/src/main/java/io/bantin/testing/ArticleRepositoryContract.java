package io.bantin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleRepository;
import io.bantin.article.ArticleValidationException;
import io.bantin.article.Author;
import io.bantin.article.Image;
import io.bantin.article.Page;
import io.bantin.article.Source;
import io.bantin.article.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ArticleRepository} shares; each implementation runs it. */
public abstract class ArticleRepositoryContract {

    /** For subclasses, which provide the repository through {@link #create}. */
    protected ArticleRepositoryContract() {
    }

    protected static final Instant T0 = Instant.parse("2026-11-27T03:08:00Z");

    protected MutableClock clock;
    protected ArticleRepository repo;

    /** A fresh, empty repository on {@code clock}. */
    protected abstract ArticleRepository create(MutableClock clock) throws Exception;

    /** Releases what {@link #create} opened. */
    protected void release() throws Exception {
    }

    @BeforeEach
    public void setUp() throws Exception {
        clock = new MutableClock(T0);
        repo = create(clock);
    }

    @AfterEach
    public void tearDown() throws Exception {
        release();
    }

    protected static Article.Builder article(String title) {
        return Article.builder()
                .title(title)
                .summary("Tóm tắt: " + title)
                .body("<p>Nội dung bài <strong>" + title + "</strong></p>")
                .author("Lê Minh Châu", "Phóng viên")
                .source("Văn phòng UBND tỉnh", "https://example.gov.vn")
                .category("Thời sự")
                .tags("Chính quyền")
                .status(Status.PUBLISHED)
                .publishedAt(T0);
    }

    @Test
    public void saveAssignsIdSlugUpdatedAtAndKeepsEverything() {
        Article saved = repo.save(article("Văn phòng Tỉnh ủy Bắc Ninh chủ động đổi mới")
                .image("https://example.gov.vn/a.jpg", "Ảnh hội nghị").tags("Tỉnh ủy", "Đổi mới").build());
        assertThat(saved.id()).isPositive();
        assertThat(saved.slug()).isEqualTo("van-phong-tinh-uy-bac-ninh-chu-dong-doi-moi");
        assertThat(saved.updatedAt()).isEqualTo(T0);
        assertThat(repo.findById(saved.id())).contains(saved);
        assertThat(repo.findBySlug(saved.slug())).contains(saved);
        Article found = repo.findById(saved.id()).orElseThrow();
        assertThat(found.tags()).containsExactly("Tỉnh ủy", "Đổi mới");
        assertThat(found.image()).isEqualTo(new Image("https://example.gov.vn/a.jpg", "Ảnh hội nghị"));
        assertThat(found.author()).isEqualTo(new Author("Lê Minh Châu", "Phóng viên"));
        assertThat(found.source()).isEqualTo(new Source("Văn phòng UBND tỉnh", "https://example.gov.vn"));
        assertThat(repo.findById(12345)).isEmpty();
        assertThat(repo.findBySlug("khong-co")).isEmpty();
    }

    @Test
    public void optionalPartsMayBeMissing() {
        Article saved = repo.save(Article.builder().title("Bản nháp").build());
        Article found = repo.findById(saved.id()).orElseThrow();
        assertThat(found).isEqualTo(saved);
        assertThat(found.author()).isNull();
        assertThat(found.source()).isNull();
        assertThat(found.image()).isNull();
        assertThat(found.category()).isNull();
        assertThat(found.publishedAt()).isNull();
        assertThat(found.status()).isEqualTo(Status.DRAFT);
    }

    @Test
    public void bodyIsSanitizedOnSave() {
        Article saved = repo.save(article("Tin").body("<p onclick=x()>An toàn</p><script>alert(1)</script>").build());
        assertThat(saved.body()).isEqualTo("<p>An toàn</p>");
        assertThat(repo.findById(saved.id()).orElseThrow().body()).isEqualTo("<p>An toàn</p>");
    }

    @Test
    public void derivedSlugsAreMadeUnique() {
        Article a = repo.save(article("Họp báo thường kỳ").build());
        Article b = repo.save(article("Họp báo thường kỳ!").build());
        Article c = repo.save(article("HỌP BÁO thường kỳ").build());
        assertThat(List.of(a.slug(), b.slug(), c.slug()))
                .containsExactly("hop-bao-thuong-ky", "hop-bao-thuong-ky-2", "hop-bao-thuong-ky-3");
        String longTitle = "Tăng cường công tác kiểm tra giám sát và thi hành kỷ luật đảng trong các cơ quan đơn vị năm";
        Article l1 = repo.save(article(longTitle).build());
        Article l2 = repo.save(article(longTitle).build());
        assertThat(l1.slug().length()).isLessThanOrEqualTo(80);
        assertThat(l2.slug()).endsWith("-2").hasSizeLessThanOrEqualTo(80);
        assertThat(l2.slug()).matches("^[a-z0-9]+(-[a-z0-9]+)*$");
    }

    @Test
    public void anExplicitSlugOfAnotherArticleIsRefused() {
        repo.save(article("Một").slug("tin-mot").build());
        assertThatThrownBy(() -> repo.save(article("Hai").slug("tin-mot").build()))
                .isInstanceOfSatisfying(ArticleValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("slug"));
    }

    @Test
    public void updatingKeepsIdAndSlugAndMovesUpdatedAt() {
        Article saved = repo.save(article("Bản đầu").build());
        clock.advance(Duration.ofMinutes(5));
        Article updated = repo.save(saved.toBuilder().title("Bản sửa").build());
        assertThat(updated.id()).isEqualTo(saved.id());
        assertThat(updated.slug()).isEqualTo(saved.slug());
        assertThat(updated.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(repo.findById(saved.id()).orElseThrow().title()).isEqualTo("Bản sửa");
        Article renamed = repo.save(updated.toBuilder().slug("ban-sua").build());
        assertThat(repo.findBySlug("ban-sua")).contains(renamed);
        assertThat(repo.findBySlug(saved.slug())).isEmpty();
        assertThat(repo.save(renamed.toBuilder().slug("").build()).slug()).isEqualTo("ban-sua");
        assertThat(repo.all(1, 10).total()).isEqualTo(1);
    }

    @Test
    public void savingAnUnknownIdIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> repo.save(article("X").id(777).build()))
                .withMessageContaining("777");
    }

    @Test
    public void publishingWithoutATimePublishesNow() {
        Article saved = repo.save(article("Ngay").publishedAt(null).build());
        assertThat(saved.publishedAt()).isEqualTo(T0);
    }

    @Test
    public void publishedListsVisibleArticlesNewestFirstWithPaging() {
        for (int i = 0; i < 5; i++) {
            repo.save(article("Tin số " + i).publishedAt(T0.minus(Duration.ofHours(5 - i))).build());
        }
        repo.save(article("Nháp").status(Status.DRAFT).build());
        repo.save(article("Lưu trữ").status(Status.ARCHIVED).build());
        Page<Article> first = repo.published(ArticleQuery.of(1, 2));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(Article::title).containsExactly("Tin số 4", "Tin số 3");
        assertThat(repo.published(ArticleQuery.of(3, 2)).items()).extracting(Article::title).containsExactly("Tin số 0");
        assertThat(repo.published(ArticleQuery.of(4, 2)).items()).isEmpty();
        assertThat(repo.all(1, 100).total()).isEqualTo(7);
    }

    @Test
    public void scheduledArticlesAppearWhenTheirTimeHasCome() {
        Article s = repo.save(article("Lịch tiếp dân tháng 12").status(Status.SCHEDULED)
                .publishedAt(T0.plus(Duration.ofHours(1))).category("Lịch công tác").build());
        assertThat(repo.published(ArticleQuery.of(1, 10)).items()).extracting(Article::id).doesNotContain(s.id());
        assertThat(repo.categories()).doesNotContain("Lịch công tác");
        clock.advance(Duration.ofMinutes(59));
        assertThat(repo.published(ArticleQuery.of(1, 10)).items()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(repo.published(ArticleQuery.of(1, 10)).items()).extracting(Article::id).containsExactly(s.id());
        assertThat(repo.categories()).containsExactly("Lịch công tác");
    }

    @Test
    public void searchIgnoresCaseAndDiacritics() {
        Article tinhUy = repo.save(article("Tỉnh ủy họp phiên thường kỳ").build());
        Article other = repo.save(article("Sở Giáo dục khai giảng năm học")
                .body("<p>Đồng chí Bí thư <em>Đảng ủy</em> dự lễ</p>").build());
        assertThat(search("tinh uy")).containsExactly(tinhUy.id());
        assertThat(search("TỈNH ỦY")).containsExactly(tinhUy.id());
        assertThat(search("tỉnh uỷ")).containsExactly(tinhUy.id());
        assertThat(search("dang uy")).containsExactly(other.id());
        assertThat(search("giao duc nam hoc")).containsExactly(other.id());
        assertThat(search("khai")).containsExactly(other.id());
        assertThat(search("uy")).containsExactlyInAnyOrder(tinhUy.id(), other.id());
        assertThat(search("tinh uy giao")).isEmpty();
        assertThat(search("ong")).as("matches at word starts only").isEmpty();
        assertThat(search("%")).containsExactlyInAnyOrder(tinhUy.id(), other.id());
        assertThat(search("_")).containsExactlyInAnyOrder(tinhUy.id(), other.id());
        assertThat(search("Lê Minh")).hasSize(2);
    }

    @Test
    public void everySearchWordCountsUpToTheLimitAndMoreAreRefused() {
        Article a = repo.save(article("Tỉnh ủy họp phiên thường kỳ").build());
        // Eight words that all match, then a ninth that matches nothing: once the ninth was dropped
        // silently and the article came back for a search it does not satisfy.
        String eight = "tinh uy hop phien thuong ky noi dung bai";
        assertThat(search(eight)).containsExactly(a.id());
        assertThat(search(eight + " xyz")).isEmpty();
        assertThat(search("xyz " + eight)).isEmpty();

        // Up to the limit every word is a condition; one more is refused, naming the field and rule.
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < ArticleQuery.MAX_TEXT_WORDS; i++) {
            distinct.add("w" + i);
        }
        assertThat(search(String.join(" ", distinct))).isEmpty();
        distinct.add("w" + ArticleQuery.MAX_TEXT_WORDS);
        assertThatIllegalArgumentException().isThrownBy(() -> search(String.join(" ", distinct)))
                .withMessageStartingWith("text: ")
                .withMessageContaining("at most " + ArticleQuery.MAX_TEXT_WORDS + " distinct words")
                .withMessageContaining("had " + (ArticleQuery.MAX_TEXT_WORDS + 1));
        // Repeats and punctuation do not count against the limit.
        assertThat(search((eight + " ").repeat(20) + "!!! ... ---")).containsExactly(a.id());
    }

    private List<Long> search(String text) {
        return repo.published(ArticleQuery.of(1, 100).withText(text)).items().stream().map(Article::id).toList();
    }

    @Test
    public void filtersByCategoryAndTagSlug() {
        Article a = repo.save(article("Một").category("Kinh tế").tags("Đầu tư", "Hạ tầng").build());
        Article b = repo.save(article("Hai").category("Văn hóa - Xã hội").tags("Lễ hội").build());
        assertThat(repo.published(ArticleQuery.of(1, 10).withCategory("kinh-te")).items()).extracting(Article::id).containsExactly(a.id());
        assertThat(repo.published(ArticleQuery.of(1, 10).withCategory("van-hoa-xa-hoi")).items()).extracting(Article::id).containsExactly(b.id());
        assertThat(repo.published(ArticleQuery.of(1, 10).withTag("ha-tang")).items()).extracting(Article::id).containsExactly(a.id());
        assertThat(repo.published(ArticleQuery.of(1, 10).withTag("le-hoi").withCategory("kinh-te")).items()).isEmpty();
        assertThat(repo.published(ArticleQuery.of(1, 10).withTag("le-hoi").withText("hai")).items()).extracting(Article::id).containsExactly(b.id());
        assertThat(repo.categories()).containsExactly("Kinh tế", "Văn hóa - Xã hội");
    }

    @Test
    public void allListsEveryStatusByUpdatedAt() {
        Article a = repo.save(article("A").status(Status.DRAFT).build());
        clock.advance(Duration.ofSeconds(1));
        Article b = repo.save(article("B").status(Status.ARCHIVED).build());
        clock.advance(Duration.ofSeconds(1));
        repo.save(a.toBuilder().summary("sửa").build());
        assertThat(repo.all(1, 10).items()).extracting(Article::id).containsExactly(a.id(), b.id());
        assertThatIllegalArgumentException().isThrownBy(() -> repo.all(0, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> repo.all(1, 101));
    }

    @Test
    public void deleteRemovesAndFreesTheSlug() {
        Article a = repo.save(article("Xóa tôi").build());
        assertThat(repo.delete(a.id())).isTrue();
        assertThat(repo.delete(a.id())).isFalse();
        assertThat(repo.findById(a.id())).isEmpty();
        assertThat(repo.findBySlug("xoa-toi")).isEmpty();
        assertThat(repo.save(article("Xóa tôi").build()).slug()).isEqualTo("xoa-toi");
    }

    @Test
    public void concurrentSavesGetDistinctIdsAndSlugs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Article>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> repo.save(article("Cùng một tiêu đề").build())));
            }
            List<Article> saved = new ArrayList<>();
            for (Future<Article> f : futures) {
                saved.add(f.get());
            }
            assertThat(saved).extracting(Article::id).doesNotHaveDuplicates();
            assertThat(saved).extracting(Article::slug).doesNotHaveDuplicates();
            assertThat(repo.published(ArticleQuery.of(1, 100)).total()).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void instantsAreKeptToTheMillisecond() {
        clock.set(Instant.parse("2026-11-27T03:08:00.123456789Z"));
        Article saved = repo.save(article("Mili giây").publishedAt(Instant.parse("2026-11-27T03:00:00.987654321Z")).build());
        assertThat(saved.updatedAt()).isEqualTo(Instant.parse("2026-11-27T03:08:00.123Z"));
        assertThat(saved.publishedAt()).isEqualTo(Instant.parse("2026-11-27T03:00:00.987Z"));
        assertThat(repo.findById(saved.id())).contains(saved);
    }

    @Test
    public void keysListIdentityAndVisibilityInUpdateOrderAndOnlyWhatChanged() {
        assertThat(repo.keys(null)).isEmpty();
        assertThat(repo.count()).isZero();
        Article a = repo.save(article("Một").build());
        clock.advance(Duration.ofSeconds(1));
        Article s = repo.save(article("Hai").status(Status.SCHEDULED).publishedAt(T0.plus(Duration.ofHours(1))).build());
        clock.advance(Duration.ofSeconds(1));
        Article d = repo.save(article("Ba").status(Status.DRAFT).publishedAt(null).build());
        assertThat(repo.keys(null)).containsExactly(ArticleKey.of(a), ArticleKey.of(s), ArticleKey.of(d));
        assertThat(repo.keys(null).get(1)).isEqualTo(new ArticleKey(s.id(), "hai", Status.SCHEDULED,
                T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofSeconds(1))));
        assertThat(repo.keys(null).get(2).publishedAt()).isNull();
        assertThat(repo.count()).isEqualTo(3);

        // Strictly after: the instant of the last key seen returns nothing again.
        assertThat(repo.keys(s.updatedAt())).containsExactly(ArticleKey.of(d));
        assertThat(repo.keys(d.updatedAt())).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        Article renamed = repo.save(a.toBuilder().slug("mot-moi").status(Status.ARCHIVED).build());
        assertThat(repo.keys(d.updatedAt())).containsExactly(new ArticleKey(a.id(), "mot-moi", Status.ARCHIVED,
                T0, T0.plus(Duration.ofSeconds(3))));
        repo.delete(s.id());
        assertThat(repo.count()).isEqualTo(2);
        assertThat(repo.keys(null)).extracting(ArticleKey::id).containsExactly(d.id(), renamed.id());
    }
    @Test
    public void publishedKeysAreTheKeysOfThePublicArticlesInTheOrderOfPublished() {
        assertThat(repo.publishedKeys()).isEmpty();
        Article older = repo.save(article("Cũ").publishedAt(T0.minus(Duration.ofHours(2))).build());
        Article newer = repo.save(article("Mới").publishedAt(T0.minus(Duration.ofHours(1))).build());
        // The same publication time: the higher id comes first, as in published().
        Article twin = repo.save(article("Cùng giờ").publishedAt(T0.minus(Duration.ofHours(1))).build());
        Article due = repo.save(article("Hẹn giờ").status(Status.SCHEDULED).publishedAt(T0.plus(Duration.ofMinutes(30))).build());
        repo.save(article("Nháp").status(Status.DRAFT).build());
        repo.save(article("Lưu trữ").status(Status.ARCHIVED).build());

        assertThat(repo.publishedKeys()).containsExactly(ArticleKey.of(twin), ArticleKey.of(newer), ArticleKey.of(older));
        assertThat(repo.publishedKeys()).isEqualTo(repo.published(ArticleQuery.of(1, 100)).items().stream()
                .map(ArticleKey::of).toList());

        clock.advance(Duration.ofMinutes(30));
        assertThat(repo.publishedKeys()).containsExactly(ArticleKey.of(due), ArticleKey.of(twin), ArticleKey.of(newer),
                ArticleKey.of(older));
        repo.delete(newer.id());
        assertThat(repo.publishedKeys()).extracting(ArticleKey::slug).containsExactly("hen-gio", "cung-gio", "cu");
    }
    @Test
    public void teasersAreThePagesOfPublishedAndAllWithEmptyBodies() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            repo.save(article("Tin số " + i).publishedAt(T0.minus(Duration.ofHours(5 - i))).tags("Thẻ " + (i % 2)).build());
        }
        repo.save(article("Nháp").status(Status.DRAFT).build());
        for (ArticleQuery q : List.of(ArticleQuery.of(1, 2), ArticleQuery.of(3, 2),
                new ArticleQuery(1, 10, "tin", null, "the-1"), new ArticleQuery(1, 10, null, "thoi-su", null))) {
            Page<Article> whole = repo.published(q);
            Page<Article> teasers = repo.publishedTeasers(q);
            assertThat(whole.items()).isNotEmpty().allMatch(a -> !a.body().isEmpty());
            assertThat(teasers).isEqualTo(new Page<>(whole.items().stream().map(a -> a.toBuilder().body("").build())
                    .toList(), whole.page(), whole.size(), whole.total()));
        }
        Page<Article> all = repo.all(2, 4);
        assertThat(repo.allTeasers(2, 4)).isEqualTo(new Page<>(all.items().stream()
                .map(a -> a.toBuilder().body("").build()).toList(), 2, 4, 6));
        assertThatThrownBy(() -> repo.allTeasers(0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
