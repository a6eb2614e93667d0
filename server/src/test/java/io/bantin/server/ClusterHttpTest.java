package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.store.TestPostgres;
import io.bantin.store.ThrowawayDatabase;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three servers in this JVM on one PostgreSQL, sharing one fake clock, as a load balancer without
 * sticky sessions sees them: every request may reach any of them.
 */
class ClusterHttpTest {
    private static final String WRONG = "{\"username\":\"admin\",\"password\":\"not-the-password\"}";

    @TempDir
    Path dir;

    private ThrowawayDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:08:00Z"));
    private final List<TestPortal> nodes = new ArrayList<>();

    @BeforeEach
    void startThreeNodes() {
        db = TestPostgres.createDatabase();
        for (int i = 1; i <= 3; i++) {
            String name = "node-" + i;
            nodes.add(TestPortal.start(dir.resolve(name), false, clock, b -> b.postgresUrl(db.url()).node(name)));
        }
    }

    @AfterEach
    void stopThem() {
        for (TestPortal node : nodes) {
            node.close();
        }
        db.close();
    }

    private TestPortal node(int n) {
        return nodes.get(n - 1);
    }

    @Test
    void anEditorLogsInThroughOneNodeWritesThroughAnotherAndLogsOutThroughAThirdWhichEndsTheSessionEverywhere() {
        TestPortal.Login login = node(1).login();
        HttpResponse<String> created = node(2).json("POST", "/api/articles", ApiHttpTest.ARTICLE, login.headers());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(node(3).get("/admin", "Cookie", login.cookie()).statusCode()).as("the dashboard on node 3").isEqualTo(200);

        assertThat(node(3).json("POST", "/api/logout", "", login.headers()).statusCode()).isEqualTo(204);
        for (TestPortal node : nodes) {
            assertThat(node.json("POST", "/api/articles", ApiHttpTest.ARTICLE, login.headers()).statusCode())
                    .as("the session is over on every node at once").isEqualTo(401);
        }
    }

    @Test
    void theLoginFormOpenedOnOneNodeIsAcceptedByAnother() {
        HttpResponse<String> page = node(1).get("/login");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bantin_login="))
                .findFirst().orElseThrow().split(";")[0];
        Matcher token = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> submitted = node(2).form("/login", TestPortal.map("csrfToken", token.group(1),
                "username", "admin", "password", TestPortal.PASSWORD), "Cookie", cookie);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(303);
        String session = submitted.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bantin_session="))
                .findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> dashboard = node(3).get("/admin", "Cookie", session);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        // The session's CSRF token, shown by node 3's page, is good on node 1.
        Matcher csrf = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"").matcher(dashboard.body());
        assertThat(csrf.find()).isTrue();
        assertThat(node(1).json("PUT", "/api/admin/baseline", "{\"total\":1000}", "Cookie", session,
                "X-CSRF-Token", csrf.group(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsRoundRobinedOverThreeNodesGetTheFiveFreeChecksOfOneNodeThenTheSameExactWaitEverywhere() {
        for (int i = 0; i < 5; i++) {
            assertThat(node(i % 3 + 1).json("POST", "/api/login", WRONG).statusCode()).as("attempt %d", i + 1).isEqualTo(401);
        }
        for (TestPortal node : nodes) {
            HttpResponse<String> r = node.json("POST", "/api/login", WRONG);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).contains("10");
        }
        clock.advance(Duration.ofSeconds(3));
        assertThat(node(2).json("POST", "/api/login", WRONG).headers().firstValue("Retry-After")).contains("7");
        clock.advance(Duration.ofSeconds(7));
        assertThat(node(3).json("POST", "/api/login", WRONG).statusCode()).as("the wait is over").isEqualTo(401);
        HttpResponse<String> doubled = node(1).json("POST", "/api/login", WRONG);
        assertThat(doubled.statusCode()).isEqualTo(429);
        assertThat(doubled.headers().firstValue("Retry-After")).as("the wait doubled").contains("20");
    }

    @Test
    void sixtyConcurrentWrongLoginsSpreadOverThreeNodesGetFivePasswordChecks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                TestPortal node = node(i % 3 + 1);
                statuses.add(pool.submit(() -> {
                    go.await();
                    return node.json("POST", "/api/login", WRONG).statusCode();
                }));
            }
            go.countDown();
            int checked = 0;
            int throttled = 0;
            for (Future<Integer> f : statuses) {
                int status = f.get(60, TimeUnit.SECONDS);
                checked += status == 401 ? 1 : 0;
                throttled += status == 429 ? 1 : 0;
            }
            assertThat(checked).as("wrong passwords checked").isEqualTo(5);
            assertThat(throttled).isEqualTo(55);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anArticleCreatedEditedUnpublishedAndDeletedOnOneNodeIsServedThatWayByTheOthersWithinOneSecond() {
        TestPortal.Login login = node(1).login();
        String slug = "khanh-thanh-cau-ben-do";
        // The other nodes have cached what they serve: the sitemap, the article's absence.
        for (TestPortal other : List.of(node(2), node(3))) {
            assertThat(other.get("/sitemap.xml").body()).doesNotContain(slug);
            assertThat(other.get("/articles/" + slug).statusCode()).isEqualTo(404);
        }

        HttpResponse<String> created = node(1).json("POST", "/api/articles", ApiHttpTest.ARTICLE, login.headers());
        written = System.nanoTime();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = TestPortal.parse(created).get("id").asLong();
        for (TestPortal other : List.of(node(2), node(3))) {
            within1s(other, "/articles/" + slug, r -> r.statusCode() == 200 && r.body().contains("Khánh thành cầu Bến Đò"));
            within1s(other, "/api/articles/" + slug, r -> r.statusCode() == 200);
            within1s(other, "/sitemap.xml", r -> r.body().contains("/articles/" + slug));
            within1s(other, "/feed.xml", r -> r.body().contains("Khánh thành cầu Bến Đò"));
            within1s(other, "/search?q=" + URLEncoder.encode("ben do", StandardCharsets.UTF_8),
                    r -> r.body().contains("Khánh thành cầu Bến Đò"));
            within1s(other, "/", r -> r.body().contains("Khánh thành cầu Bến Đò"));
        }

        // Edited at the same instant of the shared clock: the change number, not the time, tells.
        String edited = ApiHttpTest.ARTICLE.replace("Khánh thành cầu Bến Đò", "Thông xe cầu Bến Đò");
        assertThat(write(node(2).json("PUT", "/api/articles/" + id, edited, login.headers()))).isEqualTo(200);
        for (TestPortal other : List.of(node(1), node(3))) {
            within1s(other, "/articles/" + slug, r -> r.statusCode() == 200 && r.body().contains("Thông xe cầu Bến Đò")
                    && !r.body().contains("Khánh thành cầu Bến Đò"));
            within1s(other, "/api/articles/" + slug, r -> r.body().contains("Thông xe cầu Bến Đò"));
            within1s(other, "/feed.xml", r -> r.body().contains("Thông xe cầu Bến Đò"));
        }

        String draft = edited.replace("\"published\"", "\"draft\"");
        assertThat(write(node(3).json("PUT", "/api/articles/" + id, draft, login.headers()))).isEqualTo(200);
        for (TestPortal other : List.of(node(1), node(2))) {
            within1s(other, "/articles/" + slug, r -> r.statusCode() == 404);
            within1s(other, "/sitemap.xml", r -> !r.body().contains("/articles/" + slug));
            within1s(other, "/feed.xml", r -> !r.body().contains("Thông xe cầu Bến Đò"));
        }

        assertThat(write(node(1).json("PUT", "/api/articles/" + id, edited, login.headers()))).isEqualTo(200);
        within1s(node(3), "/articles/" + slug, r -> r.statusCode() == 200);
        assertThat(write(node(1).send("DELETE", "/api/articles/" + id, null, null, login.headers()))).isEqualTo(204);
        for (TestPortal other : List.of(node(2), node(3))) {
            within1s(other, "/articles/" + slug, r -> r.statusCode() == 404);
            within1s(other, "/api/articles/" + slug, r -> r.statusCode() == 404);
            within1s(other, "/sitemap.xml", r -> !r.body().contains("/articles/" + slug));
        }
    }

    @Test
    void aScheduledArticleIsPublishedOnceByWhicheverNodeGetsThereFirst() throws Exception {
        TestPortal.Login login = node(1).login();
        String scheduled = ApiHttpTest.ARTICLE.replace("\"published\"", "\"scheduled\",\"publishedAt\":\"2026-11-27T05:00:00Z\"");
        HttpResponse<String> created = node(1).json("POST", "/api/articles", scheduled, login.headers());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String slug = TestPortal.parse(created).get("slug").asText();
        Thread.sleep(1500);
        assertThat(status(node(2), slug, login)).as("not yet due").isEqualTo("scheduled");
        long before = changeNumber();

        clock.advance(Duration.ofHours(2));
        for (TestPortal node : nodes) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!"published".equals(status(node, slug, login)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(status(node, slug, login)).isEqualTo("published");
            assertThat(node.get("/articles/" + slug).statusCode()).isEqualTo(200);
        }
        // Every node has tried (each every second) since: only one UPDATE found the article scheduled.
        Thread.sleep(2500);
        assertThat(changeNumber() - before).as("one transition, one change").isEqualTo(1);
    }

    /** Notes when a write was answered; returns its status. */
    private int write(HttpResponse<String> r) {
        written = System.nanoTime();
        return r.statusCode();
    }

    private static String status(TestPortal node, String slug, TestPortal.Login login) {
        JsonNode a = TestPortal.parse(node.get("/api/articles/" + slug, login.headers()));
        return a.get("status").asText();
    }

    private long changeNumber() throws Exception {
        try (var c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT counter FROM bantin_server_state WHERE name = 'article_changes'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the last write's answer came: {@link #within1s} measures from it. */
    private long written;

    /** Asks {@code node} for {@code path} until the answer passes, failing one second after the last write. */
    private void within1s(TestPortal node, String path, Predicate<HttpResponse<String>> passes) {
        long deadline = written + TimeUnit.SECONDS.toNanos(1);
        HttpResponse<String> r;
        do {
            r = node.get(path);
            if (passes.test(r)) {
                return;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        r = node.get(path);
        assertThat(passes.test(r)).as("%s on %s within 1 s: %d %s", path, node.server.baseUrl(), r.statusCode(),
                r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
