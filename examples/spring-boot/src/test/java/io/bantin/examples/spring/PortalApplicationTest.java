package io.bantin.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bantin.testing.MutableClock;
import io.bantin.visit.VisitCounter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal as its users and its operators see it: real HTTP on 127.0.0.1, a real PostgreSQL behind
 * Boot's own pool, and a fake clock in the counter.
 */
@ExtendWith(PortalDatabase.class) // before @SpringBootTest: the database outlives the context
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@DirtiesContext
class PortalApplicationTest {

    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final String ARTICLE = "/articles/" + SampleArticles.SLUG;
    private static final Pattern VIEWS = Pattern.compile("data-bantin-views>([0-9.]+)<");
    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Each reader is a new visitor: the tests share one counter, and assert on what their own readers move. */
    private static final AtomicInteger READERS = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PortalDatabase.register(registry);
    }

    /** The counter's clock: 23:50 on 1 December in Hà Nội, ten minutes before the day turns. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FakeClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.at("2026-12-01T16:50:00Z");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    DataSource dataSource;

    @Autowired
    VisitCounter counter;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPageViewMovesTodayAndTheArticlesViews() throws Exception {
        long today = stats().get("today").asLong();
        HttpResponse<String> first = get(ARTICLE, newReader());
        long views = views(first.body());

        awaitStats(s -> s.get("today").asLong() == today + 1);
        assertThat(views(get(ARTICLE, newReader()).body())).isEqualTo(views + 1);
    }

    @Test
    void aRefreshBySameReaderCountsAPageViewButNeitherANewVisitNorANewView() throws Exception {
        String reader = newReader();
        long before = stats().get("today").asLong();
        long views = views(get(ARTICLE, reader).body());
        long today = awaitStats(s -> s.get("today").asLong() == before + 1).get("today").asLong();
        long pageViews = counter.stats().pageViewsToday();

        get(ARTICLE, reader);
        get(ARTICLE, reader);
        awaitPageViews(n -> n >= pageViews + 2);

        assertThat(stats().get("today").asLong()).isEqualTo(today);
        assertThat(views(get(ARTICLE, newReader()).body())).isEqualTo(views + 1);
    }

    @Test
    void theCountsReachPostgresWhenTheCounterFlushes() throws Exception {
        get(ARTICLE, newReader());
        awaitStats(s -> s.get("today").asLong() > 0);

        counter.flush();

        String day = ZonedDateTime.now(clock).withZoneSameInstant(SITE).toLocalDate().toString();
        Long visits = new JdbcTemplate(dataSource).queryForObject(
                "SELECT visits FROM bantin_visit_day WHERE day = ?", Long.class, day);
        assertThat(visits).isEqualTo(stats().get("today").asLong());
    }

    @Test
    void theDailyFiguresServedByTheFilterListTodaysVisits() throws Exception {
        get(ARTICLE, newReader());
        long today = awaitStats(s -> s.get("today").asLong() > 0).get("today").asLong();
        String day = ZonedDateTime.now(clock).withZoneSameInstant(SITE).toLocalDate().toString();

        HttpResponse<String> response = get("/bantin/api/stats/daily?from=" + day + "&to=" + day, CHROME);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode days = json.readTree(response.body());
        assertThat(days).hasSize(1);
        assertThat(days.get(0).get("date").asText()).isEqualTo(day);
        assertThat(days.get(0).get("visits").asLong()).isEqualTo(today);
    }

    @Test
    void whenTheClockPassesMidnightInTheSitesZoneTodaysVisitsBecomeYesterdays() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(SITE);
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(SITE);
        clock.set(midnight.minusMinutes(5).toInstant());
        long before = stats().get("today").asLong();
        get(ARTICLE, newReader());
        long today = awaitStats(s -> s.get("today").asLong() == before + 1).get("today").asLong();

        clock.advance(Duration.ofMinutes(10));

        JsonNode after = stats();
        assertThat(after.get("today").asLong()).isZero();
        assertThat(after.get("yesterday").asLong()).isEqualTo(today);
    }

    @Test
    void aStaticFileAndAMissingPageAreNotCounted() throws Exception {
        long pageViews = awaitPageViews(n -> true);
        String reader = newReader();

        assertThat(get("/articles/khong-co-bai-nay", reader).statusCode()).isEqualTo(404);
        assertThat(get("/assets/bantin/khong-co.js", reader).statusCode()).isEqualTo(404);
        assertThat(get("/gioi-thieu", reader).statusCode()).isEqualTo(200);

        // The "about" page is counted after the other two were answered: once it is, they were not.
        assertThat(awaitPageViews(n -> n > pageViews)).isEqualTo(pageViews + 1);
    }

    @Test
    void theArticlePageShowsTheArticleRenderedByBantinInsideTheThymeleafLayout() throws Exception {
        HttpResponse<String> page = get("/articles/" + SampleArticles.SLUG);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("<title>Ngày hội chuyển đổi số tại xã vùng cao - Cổng thông tin điện tử (ví dụ Spring Boot)</title>")
                .contains("application/ld+json")
                .contains("<main><article")
                .contains("Mỗi bản một tổ công nghệ số cộng đồng")
                .contains("Lò Thị Mai")
                .contains("Thống kê truy cập")
                .contains("<a href=\"/\">Trang chủ</a>");
    }

    @Test
    void anUnknownArticleIsNotFound() throws Exception {
        assertThat(get("/articles/khong-co-bai-nay").statusCode()).isEqualTo(404);
    }

    @Test
    void theReaderToolsScriptLinkedFromTheHeadIsServed() throws Exception {
        String page = get("/articles/" + SampleArticles.SLUG).body();
        String script = page.replaceFirst("(?s).*<script[^>]*src=\"([^\"]+)\".*", "$1");

        HttpResponse<String> asset = get(script.replace("&amp;", "&"));

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    }

    @Test
    void bantinKeepsItsOwnMigrationHistoryAndBootsFlywayRunsNothing() {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        List<String> tables = sql.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
                String.class);

        assertThat(tables).contains("bantin_schema_history", "bantin_articles").doesNotContain("flyway_schema_history");
        assertThat(tables).allMatch(t -> t.startsWith("bantin_"), "every table is bantin's, prefixed bantin_");
    }

    @Test
    void bantinJdbcRunsOnTheFlywayThatSpringBootManages() {
        // Boot 3.5.7 manages Flyway 11.7.2; bantin-jdbc is built against 13 and only uses what 11 has.
        String jar = Flyway.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(jar).contains("flyway-core-11.");
    }

    /** A User-Agent no earlier request used: a visitor the counter has not seen. */
    private static String newReader() {
        return CHROME.replace("124.0.0.0", "124.0.0." + READERS.incrementAndGet());
    }

    private static long views(String page) {
        Matcher m = VIEWS.matcher(page);
        assertThat(m.find()).as("the page shows the article's views").isTrue();
        return Long.parseLong(m.group(1).replace(".", ""));
    }

    /** bantin's figures as the filter serves them. */
    private JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/bantin/api/stats", CHROME);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /**
     * The figures once they satisfy {@code condition}: the filter counts a page after the application
     * answered it, so the response may reach the client a moment before the count is recorded.
     */
    private JsonNode awaitStats(Predicate<JsonNode> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode s = stats();
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            s = stats();
        }
        assertThat(condition.test(s)).as("figures reached the expected state within 5 s: %s", s).isTrue();
        return s;
    }

    /** Today's page views once they satisfy {@code condition}, read from the counter (the JSON does not carry them). */
    private long awaitPageViews(LongPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long n = counter.stats().pageViewsToday();
        while (!condition.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            n = counter.stats().pageViewsToday();
        }
        assertThat(condition.test(n)).as("page views reached the expected count within 5 s: %s", n).isTrue();
        return n;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, CHROME);
    }

    private HttpResponse<String> get(String path, String userAgent) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("User-Agent", userAgent).build(), HttpResponse.BodyHandlers.ofString());
    }
}
