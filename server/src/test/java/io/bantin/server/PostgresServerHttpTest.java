package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.store.TestPostgres;
import io.bantin.store.ThrowawayDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server on a real PostgreSQL (db=jdbc:postgresql://...) instead of a SQLite file. */
class PostgresServerHttpTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    @TempDir
    Path dir;

    @Test
    void thePortalRunsOnPostgresqlAndKeepsFiguresArticlesAndTheAdminAcrossARestart() {
        try (ThrowawayDatabase db = TestPostgres.createDatabase()) {
            String slug;
            try (TestPortal portal = TestPortal.start(dir, true, b -> b.postgresUrl(db.url()))) {
                assertThat(portal.get("/health").statusCode()).isEqualTo(200);
                assertThat(TestPortal.parse(portal.get("/api/articles")).get("items").size())
                        .as("the demo articles were seeded into PostgreSQL").isEqualTo(6);
                TestPortal.Login login = portal.login();
                slug = TestPortal.parse(portal.json("POST", "/api/articles", ApiHttpTest.ARTICLE, login.headers()))
                        .get("slug").asText();
                for (int visitor = 1; visitor <= 3; visitor++) {
                    assertThat(portal.json("POST", "/api/hits", "{\"articleSlug\":\"" + slug + "\"}",
                            "User-Agent", UA + " " + visitor).statusCode()).isEqualTo(204);
                }
            }
            try (TestPortal again = TestPortal.start(dir, false, b -> b.postgresUrl(db.url()))) {
                JsonNode stats = again.stats();
                assertThat(stats.get("today").asLong()).isEqualTo(3);
                assertThat(stats.get("total").asLong()).isEqualTo(3);
                assertThat(TestPortal.parse(again.get("/api/articles/" + slug)).get("views").asLong()).isEqualTo(3);
                assertThat(again.login().csrf()).as("the admin account lives in PostgreSQL").isNotBlank();
            }
        }
    }

    @Test
    void threeServersStartingAtOnceOnAnEmptyDatabaseMigrateItOnceAndAllStart() throws Exception {
        try (ThrowawayDatabase db = TestPostgres.createDatabase()) {
            ExecutorService starters = Executors.newFixedThreadPool(3);
            List<Future<TestPortal>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path own = dir.resolve("node-" + i);
                starting.add(starters.submit(() -> TestPortal.start(own, false, b -> b.postgresUrl(db.url()))));
            }
            List<TestPortal> nodes = new ArrayList<>();
            try {
                for (Future<TestPortal> node : starting) {
                    nodes.add(node.get());
                }
                for (TestPortal node : nodes) {
                    assertThat(node.get("/health").statusCode()).isEqualTo(200);
                }
                try (var c = db.dataSource().getConnection();
                     var rs = c.createStatement().executeQuery(
                             "SELECT count(*), count(DISTINCT version) FROM bantin_schema_history WHERE version IS NOT NULL")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("each migration applied once").isPositive().isEqualTo(rs.getInt(2));
                }
            } finally {
                for (TestPortal node : nodes) {
                    node.close();
                }
                starters.shutdownNow();
            }
        }
    }

    @Test
    void whilePostgresqlIsAwayCountingGoesOnHealthIsDegradedAndTheFirstGoodFlushSavesEverythingOnce() throws Exception {
        try (ThrowawayDatabase db = TestPostgres.createDatabase()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/").matcher(db.url());
            assertThat(m.find()).as(db.url()).isTrue();
            try (CuttableProxy proxy = CuttableProxy.to(Integer.parseInt(m.group(1)));
                 TestPortal portal = TestPortal.start(dir, false,
                         b -> b.postgresUrl(db.url().replace(":" + m.group(1) + "/", ":" + proxy.port() + "/")))) {
                hit(portal, 1);
                portal.server.counter().flush();
                assertThat(portal.get("/health").body()).isEqualTo("{\"status\":\"ok\"}");

                proxy.cut();
                hit(portal, 2);
                hit(portal, 3);
                assertThatThrownBy(() -> portal.server.counter().flush()).as("the write fails, the counts stay");
                var health = portal.get("/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).isEqualTo("{\"status\":\"degraded\",\"database\":\"unreachable\"}");
                assertThat(portal.stats().get("today").asLong()).as("counting goes on in memory").isEqualTo(3);

                proxy.restore();
                flushUntilItSucceeds(portal); // a pooled connection broken by the cut may fail once more
                assertThat(portal.get("/health").statusCode()).isEqualTo(200);
                assertThat(portal.stats().get("today").asLong()).isEqualTo(3);
            }
            try (TestPortal reopened = TestPortal.start(dir, false, b -> b.postgresUrl(db.url()))) {
                assertThat(reopened.stats().get("total").asLong()).as("saved once, nothing lost or doubled").isEqualTo(3);
            }
        }
    }

    private static void flushUntilItSucceeds(TestPortal portal) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                portal.server.counter().flush();
                return;
            } catch (io.bantin.visit.spi.VisitStoreException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void hit(TestPortal portal, int visitor) {
        assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA + " " + visitor).statusCode())
                .isEqualTo(204);
    }

    @Test
    void aPostgresqlThatNeverAnswersEndsTheStartAfterTheWaitNamingTheUrlWithoutItsPassword() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/bantin?password=hunter2-secret";
        ServerConfig config = ServerConfig.builder().port(0).database(dir.resolve("unused.db")).postgresUrl(url)
                .databaseWait(Duration.ofSeconds(1)).adminPassword(TestPortal.PASSWORD).build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> BantinServer.start(config))
                .isInstanceOf(ServerDatabase.DatabaseUnreachableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + closedPort + "/bantin did not answer within db-wait 1s")
                .hasMessageNotContaining("hunter2-secret");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited, then gave up")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20));
    }
}
