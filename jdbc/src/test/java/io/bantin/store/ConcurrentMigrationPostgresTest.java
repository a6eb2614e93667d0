package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Several processes opening one PostgreSQL database that holds only the embedding portal's own
 * tables, at the same moment (a cluster's nodes starting together): each {@link Database#of}
 * succeeds and every bantin migration is applied once.
 */
class ConcurrentMigrationPostgresTest {

    private static final int NODES = 4;

    @RepeatedTest(3)
    void nodesOpeningAPortalsDatabaseAtOnceAllStartAndMigrateItOnce() throws Exception {
        try (ThrowawayDatabase db = TestPostgres.createDatabase()) {
            try (Connection c = db.dataSource().getConnection()) {
                c.createStatement().execute("CREATE TABLE portal_pages (id INTEGER PRIMARY KEY, title TEXT)");
            }
            ExecutorService nodes = Executors.newFixedThreadPool(NODES);
            CountDownLatch ready = new CountDownLatch(NODES);
            try {
                List<Future<Database>> opening = new ArrayList<>();
                for (int i = 0; i < NODES; i++) {
                    opening.add(nodes.submit(() -> {
                        ready.countDown();
                        ready.await();
                        return Database.of(db.dataSource());
                    }));
                }
                for (Future<Database> node : opening) {
                    node.get().close();
                }
            } finally {
                nodes.shutdownNow();
            }
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT count(*), count(DISTINCT version) FROM bantin_schema_history WHERE version IS NOT NULL AND success"
                                 + " AND type <> 'BASELINE'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("each bundled migration once").isEqualTo(Migrations.bundled().size())
                        .isEqualTo(rs.getInt(2));
            }
        }
    }
}
