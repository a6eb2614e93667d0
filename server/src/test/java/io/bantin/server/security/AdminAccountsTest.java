package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.server.MutableClock;
import io.bantin.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The first start's generated admin password, also when several servers start at once on one database. */
class AdminAccountsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));

    @Test
    void serversStartingTogetherHandOutOnePasswordAndItIsTheAccounts(@TempDir Path dir) throws Exception {
        Database db = Database.sqlite(dir.resolve("bantin.db"));
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("bantin.db").toAbsolutePath());
        AdminAccounts.migrate(ds);
        int servers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                AdminAccounts accounts = new AdminAccounts(db.jdbi(), new PasswordHasher(4), clock);
                results.add(pool.submit(() -> {
                    start.await();
                    return accounts.ensureAdmin(null);
                }));
            }
            start.countDown();
            List<String> handedOut = new ArrayList<>();
            for (Future<Optional<String>> r : results) {
                r.get().ifPresent(handedOut::add);
            }
            assertThat(handedOut).as("exactly one server tells a password").hasSize(1);
            AdminAccounts any = new AdminAccounts(db.jdbi(), new PasswordHasher(4), clock);
            assertThat(any.authenticate("admin", handedOut.get(0))).as("the password told is the account's").isTrue();
            assertThat(any.ensureAdmin(null)).as("a later start tells none").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePasswordFileGoesIntoADataFolderThatDoesNotExistYet(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("data").resolve("bantin");
        Path file = AdminPasswordFile.write(folder, "mat-khau-tam");
        assertThat(file).isEqualTo(folder.resolve(AdminPasswordFile.NAME).toAbsolutePath());
        assertThat(Files.readString(file)).isEqualTo("mat-khau-tam\n");
    }
}
