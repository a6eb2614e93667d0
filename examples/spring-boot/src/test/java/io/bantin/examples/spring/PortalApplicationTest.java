package io.bantin.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PortalApplicationTest {

    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

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

    private final HttpClient http = HttpClient.newHttpClient();

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

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("User-Agent", CHROME).build(), HttpResponse.BodyHandlers.ofString());
    }
}
