package io.bantin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.Author;
import io.bantin.article.Status;
import io.bantin.render.ArticleHtml;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.RenderOptions;
import io.bantin.store.Database;
import io.bantin.store.SqlArticleRepository;
import io.bantin.store.SqlVisitStore;
import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library snippets of README.md's "Embed it", run: each {@code // [readme name]} region is what
 * README.md shows (less the lines marked {@code // readme: hidden}), which {@link ReadmeExcerptsTest}
 * checks.
 */
class ReadmeSnippetsTest {

    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    @Test
    void countInMemory() {
        String clientIp = "203.0.113.7";
        String userAgent = CHROME;
        // [readme count-in-memory]
        try (VisitCounter counter = VisitCounter.builder()
                .zone(ZoneId.of("Asia/Ho_Chi_Minh"))      // the default
                .onlineWindow(Duration.ofMinutes(5))       // the default
                .visitTimeout(Duration.ofMinutes(30))      // the default
                .build()) {                                // in-memory store unless a store is given
            counter.setBaseline(722_158);                  // the total carried over from the old counter
            counter.record(Hit.of(clientIp, userAgent, "/articles/le-khai-giang").withArticle(12));
            VisitStats s = counter.stats();                // online, today, yesterday, thisWeek, thisMonth, total
            assertThat(s.online()).isEqualTo(1); // readme: hidden
            assertThat(s.total()).isEqualTo(722_159); // readme: hidden
            assertThat(counter.views(12)).isEqualTo(1); // readme: hidden
        }
        // [/readme]
    }

    @Test
    void sqlStoresAndRendering(@TempDir Path dataDir) {
        // [readme sql-stores]
        Database db = Database.sqlite(dataDir.resolve("bantin.db"));   // or Database.of(yourDataSource)
        VisitCounter counter = VisitCounter.builder().store(new SqlVisitStore(db)).build();
        ArticleRepository articles = new SqlArticleRepository(db, Clock.systemUTC(), ArticleHtml.policy());
        // [/readme]
        try (db; counter) {
            Article article = articles.save(Article.builder()
                    .title("Lễ khai giảng năm học mới tại trường vùng cao")
                    .summary("Học sinh vùng cao vui mừng bước vào năm học mới.")
                    .body("<p>Sáng nay, hơn 300 em học sinh đã dự lễ khai giảng.</p>")
                    .author(new Author("Nguyễn Văn An", "Phóng viên"))
                    .status(Status.PUBLISHED)
                    .publishedAt(Instant.parse("2026-09-05T01:00:00Z"))
                    .build());
            counter.record(Hit.of("203.0.113.7", CHROME, "/articles/" + article.slug()).withArticle(article.id()));

            // [readme render]
            ArticleRenderer render = new ArticleRenderer(RenderOptions.builder()
                    .siteName("Cổng thông tin điện tử tỉnh").baseUrl("https://example.gov.vn").build());
            String head = render.headTags(article) + render.headAssets();   // title, description, OG, JSON-LD, reader assets
            String body = render.articleFragment(article, counter.views(article.id()));  // the figure from the counter
            String box  = render.statsBox(counter.stats());                  // "Thống kê truy cập"
            // [/readme]

            assertThat(head).contains("application/ld+json");
            assertThat(body).contains("Lễ khai giảng năm học mới").contains("data-bantin-views>1<");
            assertThat(box).contains("Thống kê truy cập");
        }
    }
}
