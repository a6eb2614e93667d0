package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop and restart on the same database; the admin account; health when the DB is gone. */
class LifecycleHttpTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0";

    @Test
    void closeFlushesSoARestartKeepsEveryHit(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, true)) {
            for (int i = 0; i < 5; i++) {
                assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA + " " + i).statusCode()).isEqualTo(204);
            }
        }
        try (TestPortal again = TestPortal.start(dir, true)) {
            assertThat(again.stats().get("total").asLong()).isEqualTo(5);
            assertThat(again.stats().get("today").asLong()).isEqualTo(5);
            // --demo seeds only an empty database.
            assertThat(TestPortal.parse(again.get("/api/articles?size=100")).get("total").asLong()).isBetween(5L, 6L);
        }
    }

    @Test
    void firstStartWithoutAPasswordWritesOneToAPrivateFileAndPrintsOnlyItsPath(@TempDir Path dir) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path file = dir.resolve("admin-password.txt");
        String password;
        try {
            // Standard output and the log (slf4j-simple writes to standard error) both.
            PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            try (TestPortal portal = TestPortal.start(dir, false, b -> b.adminPassword(null))) {
                String printed = out.toString(StandardCharsets.UTF_8);
                assertThat(printed).contains("'admin'", file.toAbsolutePath().toString());
                String content = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(content).matches("[A-Za-z0-9]{20}\n");
                password = content.strip();
                assertThat(printed).doesNotContain(password);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                }
                assertThat(portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}")
                        .statusCode()).isEqualTo(200);
                assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(password);
            }
            Files.delete(file);
            out.reset();
            try (TestPortal portal = TestPortal.start(dir, false, b -> b.adminPassword(null))) {
                assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("'admin'").doesNotContain(password);
                assertThat(file).doesNotExist();
                assertThat(portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}")
                        .statusCode()).isEqualTo(200);
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        try (TestPortal portal = TestPortal.start(dir, false)) {
            assertThat(portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}")
                    .statusCode()).isEqualTo(401);
            portal.login();
        }
    }

    @Test
    void aGeneratedPasswordReplacesAStaleFileWithAPrivateOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin-password.txt");
        Files.writeString(file, "an old password\n", StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.adminPassword(null))) {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertThat(password).isNotEqualTo("an old password");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
            assertThat(portal.json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}")
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aCounterThatCannotOpenFailsTheStartAndFreesThePort(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, true)) {
            assertThat(portal.get("/").statusCode()).isEqualTo(200);
        }
        // The saved window can no longer be read: the counter fails while the web stack starts beside it.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bantin.db"));
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE bantin_active_visitor");
        }
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ServerConfig config = ServerConfig.builder().port(port).host("127.0.0.1").database(dir.resolve("bantin.db"))
                .adminPassword(TestPortal.PASSWORD).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BantinServer.start(config))
                .isInstanceOf(io.bantin.visit.spi.VisitStoreException.class)
                .hasMessageContaining("active visitors");
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("nothing listens on the port any more").isEqualTo(port);
        }
    }

    @Test
    void withTheDatabaseGoneHealthIs503(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, true)) {
            assertThat(portal.get("/health").statusCode()).isEqualTo(200);
            portal.server.database().close();
            java.net.http.HttpResponse<String> health = portal.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"degraded\",\"database\":\"unreachable\"}");
        }
    }

    @Test
    void withTheDatabaseGoneAnEditorsArticlePageAndItsCountingStillWork(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, true)) {
            TestPortal.Login login = portal.login();
            String slug = TestPortal.parse(portal.get("/api/articles")).get("items").get(0).get("slug").asText();
            assertThat(portal.get("/articles/" + slug, "Cookie", login.cookie()).statusCode()).isEqualTo(200);
            // Gone for good: a connection opened now finds an empty file without the sessions' table.
            portal.server.database().close();
            for (String file : List.of("bantin.db", "bantin.db-wal", "bantin.db-shm")) {
                java.nio.file.Files.deleteIfExists(dir.resolve(file));
            }
            assertThat(portal.get("/articles/" + slug, "Cookie", login.cookie()).statusCode())
                    .as("the session cannot be looked up: served as to a reader").isEqualTo(200);
            assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "Cookie", login.cookie(), "User-Agent", UA)
                    .statusCode()).isEqualTo(204);
            assertThat(portal.json("POST", "/api/articles", ApiHttpTest.ARTICLE, login.headers()).statusCode())
                    .as("an editor-only request is refused, not failed").isEqualTo(401);
        }
    }

    @Test
    void aFailingPageRouteShowsTheFriendly500AndTheApiAJsonOne(@TempDir Path dir) {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-27T03:08:00Z"));
        ServerConfig config = ServerConfig.builder().port(0).database(dir.resolve("b.db")).adminPassword(TestPortal.PASSWORD)
                .clock(clock).build();
        try (BantinServer server = BantinServer.start(config, db -> new FailingArticles(clock))) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<String> page = get(http, server, "/search?q=cau");
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("Đã có lỗi xảy ra", "<html lang=\"vi\"").doesNotContain("Exception", "\tat ");
            java.net.http.HttpResponse<String> api = get(http, server, "/api/articles?q=cau");
            assertThat(api.statusCode()).isEqualTo(500);
            assertThat(api.body()).startsWith("{\"error\":\"internal error\"").doesNotContain("Exception", "\tat ");
        }
    }

    static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, BantinServer server, String path) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Articles whose listing fails, as when the database breaks mid-flight. */
    static final class FailingArticles implements io.bantin.article.ArticleRepository {
        private final io.bantin.article.InMemoryArticleRepository delegate;

        FailingArticles(java.time.Clock clock) {
            delegate = new io.bantin.article.InMemoryArticleRepository(clock, io.bantin.render.ArticleHtml.policy());
        }

        @Override public io.bantin.article.Article save(io.bantin.article.Article a) { return delegate.save(a); }
        @Override public java.util.Optional<io.bantin.article.Article> findById(long id) { return delegate.findById(id); }
        @Override public java.util.Optional<io.bantin.article.Article> findBySlug(String slug) { return delegate.findBySlug(slug); }
        @Override public io.bantin.article.Page<io.bantin.article.Article> published(io.bantin.article.ArticleQuery q) {
            throw new IllegalStateException("disk on fire");
        }
        @Override public io.bantin.article.Page<io.bantin.article.Article> all(int page, int size) { return delegate.all(page, size); }
        @Override public java.util.List<String> categories() { return delegate.categories(); }
        @Override public boolean delete(long id) { return delegate.delete(id); }
    }

    @Test
    void baselineFromTheConfiguration(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.baselineTotal(722158L))) {
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA);
            assertThat(portal.stats().get("total").asLong()).isEqualTo(722159);
        }
    }
}
