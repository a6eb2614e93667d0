package io.bantin.server.pages;

import io.bantin.render.ArticleHtml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bantin.article.Article;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.article.Status;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.RenderOptions;
import io.bantin.server.CountingArticles;
import io.bantin.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sitemap index and its parts, with a page size of 3 so that a few articles need several sitemaps. */
class SitemapsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:08:00Z");
    private static final String BASE = "https://tin.example.gov.vn";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryArticleRepository articles = new InMemoryArticleRepository(clock, ArticleHtml.policy());
    private final CountingArticles counting = new CountingArticles(articles);
    private final ArticleRenderer renderer = new ArticleRenderer(RenderOptions.builder().siteName("Cổng tin")
            .baseUrl(BASE).build());
    private final Sitemaps sitemaps = new Sitemaps(counting, () -> renderer, () -> BASE, clock, 3, Duration.ofMinutes(5));

    private List<String> publish(int n) {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            clock.advance(Duration.ofSeconds(1));
            Article a = articles.save(Article.builder().title("Tin số " + i).body("<p>Nội dung</p>")
                    .status(Status.PUBLISHED).publishedAt(T0.plus(Duration.ofMinutes(i))).build());
            newestFirst.add(0, BASE + "/articles/" + a.slug());
        }
        articles.save(Article.builder().title("Bản nháp").body("<p>x</p>").status(Status.DRAFT).build());
        clock.set(T0.plus(Duration.ofHours(1)));
        return newestFirst;
    }

    @Test
    void pastThePageSizeTheSitemapIsAnIndexOfSitemapsOfAtMostThatManyUrls() {
        List<String> all = publish(7);

        String root = sitemaps.root().xml();
        assertThat(root).contains("<sitemapindex");
        assertThat(tags(root, "loc")).containsExactly(BASE + "/sitemap-1.xml", BASE + "/sitemap-2.xml",
                BASE + "/sitemap-3.xml");
        List<String> parts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String part = sitemaps.part(n).orElseThrow().xml();
            assertThat(part).contains("<urlset");
            assertThat(tags(part, "loc")).hasSizeLessThanOrEqualTo(3);
            parts.addAll(tags(part, "loc"));
        }
        assertThat(parts).isEqualTo(all);
        // Each index entry carries the newest change among its sitemap's URLs: the first holds the newest.
        assertThat(tags(root, "lastmod")).hasSize(3);
        assertThat(tags(root, "lastmod").get(0)).isGreaterThan(tags(root, "lastmod").get(2));
        assertThat(sitemaps.part(4)).isEmpty();
        assertThat(sitemaps.part(0)).isEmpty();
        assertThat(counting.calls()).as("one narrow query for all of it").containsOnly(counting.calls().get(0))
                .hasSize(1).allMatch(c -> c.startsWith("publishedKeys@"));
    }

    @Test
    void upToThePageSizeTheSitemapListsTheUrlsItself() {
        List<String> all = publish(3);
        String root = sitemaps.root().xml();
        assertThat(root).contains("<urlset");
        assertThat(tags(root, "loc")).isEqualTo(all);
        assertThat(sitemaps.part(1).orElseThrow().xml()).isEqualTo(root);
        assertThat(sitemaps.part(2)).isEmpty();
    }

    @Test
    void anEmptySiteHasAnEmptySitemap() {
        assertThat(tags(sitemaps.root().xml(), "loc")).isEmpty();
        assertThat(sitemaps.part(1)).isPresent();
    }

    @Test
    void aSnapshotLivesForItsMaxAgeAndAnswersSayHowLongIsLeft() {
        publish(4);
        counting.clear();
        assertThat(sitemaps.root().maxAgeSeconds()).isEqualTo(300);
        clock.advance(Duration.ofSeconds(299));
        assertThat(sitemaps.part(2).orElseThrow().maxAgeSeconds()).isEqualTo(1);
        assertThat(counting.count("publishedKeys")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sitemaps.root().maxAgeSeconds()).isEqualTo(300);
        assertThat(counting.count("publishedKeys")).isEqualTo(2);
    }

    @Test
    void thePageSizeMustFitASitemap() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Sitemaps(counting, () -> renderer, () -> BASE, clock,
                50_001, Duration.ofMinutes(5))).withMessageContaining("pageSize");
        assertThatIllegalArgumentException().isThrownBy(() -> new Sitemaps(counting, () -> renderer, () -> BASE, clock,
                0, Duration.ofMinutes(5))).withMessageContaining("pageSize");
    }

    private static List<String> tags(String xml, String name) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
