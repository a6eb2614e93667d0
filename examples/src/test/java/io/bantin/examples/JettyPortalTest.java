package io.bantin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.render.ArticleHtml;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.RenderOptions;
import io.bantin.testing.MutableClock;
import io.bantin.visit.VisitCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JettyPortal} over real HTTP on 127.0.0.1: the filter counts its pages and serves bantin's routes. */
class JettyPortalTest {

    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /** 23:55 on 1 December in Hà Nội. */
    private final MutableClock clock = MutableClock.at("2026-12-01T16:55:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private VisitCounter counter;
    private JettyPortal portal;
    private Article article;

    @BeforeEach
    void start() throws Exception {
        // No background flusher: this counter has no store to write to.
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).build();
        ArticleRepository articles = new InMemoryArticleRepository(clock, ArticleHtml.policy());
        article = articles.save(RenderArticleDemo.sampleArticle().toBuilder()
                .publishedAt(clock.instant().minus(Duration.ofHours(1))).build());
        ArticleRenderer renderer = new ArticleRenderer(RenderOptions.builder()
                .siteName("Cổng thử nghiệm").baseUrl("https://example.gov.vn").build());
        portal = JettyPortal.start(0, counter, articles, renderer, clock);
    }

    @AfterEach
    void stop() throws Exception {
        portal.close();
        counter.close();
    }

    @Test
    void anArticlePageIsRenderedAndItsViewCountedForTheSiteAndTheArticle() throws Exception {
        HttpResponse<String> page = get("/articles/" + article.slug(), CHROME);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(article.title()).contains("Thống kê truy cập").contains("application/ld+json");
        assertThat(counter.stats().today()).isEqualTo(1);
        assertThat(counter.views(article.id())).isEqualTo(1);
        assertThat(stats().get("today").asLong()).isEqualTo(1);
    }

    @Test
    void theHomePageCountsAsAVisitButAsNoArticleView() throws Exception {
        assertThat(get("/", CHROME).statusCode()).isEqualTo(200);

        assertThat(counter.stats().today()).isEqualTo(1);
        assertThat(counter.views(article.id())).isZero();
    }

    @Test
    void missingPagesAndReaderAssetsAreServedButNotCounted() throws Exception {
        assertThat(get("/articles/khong-co-bai-nay", CHROME).statusCode()).isEqualTo(404);
        String script = get("/articles/" + article.slug(), CHROME).body()
                .replaceFirst("(?s).*<script[^>]*src=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(get(script, FIREFOX).statusCode()).isEqualTo(200);

        assertThat(counter.stats().pageViewsToday()).isEqualTo(1);
    }

    @Test
    void theFilterServesTheWidgetUnderItsPrefix() throws Exception {
        HttpResponse<String> widget = get("/bantin/widget.js", CHROME);

        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(counter.stats().pageViewsToday()).isZero();
    }

    @Test
    void afterMidnightInHaNoiTodaysVisitsAreYesterdays() throws Exception {
        get("/articles/" + article.slug(), CHROME);
        get("/", FIREFOX);

        clock.advance(Duration.ofMinutes(10));

        JsonNode s = stats();
        assertThat(s.get("today").asLong()).isZero();
        assertThat(s.get("yesterday").asLong()).isEqualTo(2);
    }

    private JsonNode stats() throws Exception {
        HttpResponse<String> response = get("/bantin/api/stats", CHROME);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portal.port() + path))
                .header("User-Agent", userAgent).build(), HttpResponse.BodyHandlers.ofString());
    }
}
