package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of {@link LoginThrottleTest} with the counts in a SQLite file, as the server keeps
 * them, and what only a shared store can show: two throttles on one database (two servers) share
 * one budget.
 */
class SqliteLoginThrottleTest extends LoginThrottleTest {
    // The subclass on PostgreSQL opens another database; the tests read the rows through db.
    @TempDir
    Path dir;
    private Database db;

    @Override
    LoginThrottle newThrottle() {
        if (db == null) {
            db = openDatabase();
        }
        return LoginThrottle.standard(clock, db.jdbi());
    }

    /** The database the counts live in, migrated as the server migrates it. */
    Database openDatabase() {
        return ServerTables.sqlite(dir);
    }

    @AfterEach
    void closeTheDatabase() {
        db.close();
    }

    @Test
    void anAttackerRoundRobinedOverThreeServersGetsNoMoreAttemptsThanAgainstOne() {
        LoginThrottle[] servers = {newThrottle(), newThrottle(), newThrottle()};
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            LoginThrottle.Reservation r = servers[i % 3].reserve("203.0.113.9", "admin");
            if (r.verdict() == LoginThrottle.Verdict.ALLOWED) {
                allowed++;
                r.failed();
            }
        }
        assertThat(allowed).as("the five free failures, over all servers").isEqualTo(5);
        for (LoginThrottle server : servers) {
            assertThat(server.retryAfter("203.0.113.9", "admin")).as("every server imposes the same wait")
                    .isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void aReservationOpenOnAServerThatStoppedHoldsTheBudgetNoLongerThanItsLease() {
        LoginThrottle stopped = newThrottle();
        for (int i = 0; i < 5; i++) {
            assertThat(stopped.reserve("203.0.113.9", "admin").verdict()).isEqualTo(LoginThrottle.Verdict.ALLOWED);
        }
        LoginThrottle other = newThrottle();
        assertThat(other.reserve("203.0.113.9", "admin").verdict()).as("five checks still open")
                .isEqualTo(LoginThrottle.Verdict.THROTTLED);
        clock.advance(LoginThrottle.IN_FLIGHT_LEASE.minusNanos(1));
        assertThat(other.reserve("203.0.113.9", "admin").verdict()).as("within the lease")
                .isEqualTo(LoginThrottle.Verdict.THROTTLED);
        clock.advance(Duration.ofNanos(1));
        assertThat(other.reserve("203.0.113.9", "admin").verdict()).as("the lease is over")
                .isEqualTo(LoginThrottle.Verdict.ALLOWED);
    }

    @Test
    void countsThatNoLongerCountAreDeletedAndTheTableHoldsNoAddressOrName() {
        LoginThrottle throttle = newThrottle();
        throttle.reserve("203.0.113.9", "editor@example.vn").failed();
        assertThat(rows()).isEqualTo(2);
        java.util.List<String> keys = db.jdbi().withHandle(h -> h.createQuery("SELECT count_key FROM bantin_login_counts")
                .mapTo(String.class).list());
        assertThat(keys).allMatch(k -> k.matches("[0-9a-f]{64}"));
        clock.advance(Duration.ofHours(1).minusNanos(1));
        throttle.forgetExpired();
        assertThat(rows()).as("an hour after the failure, not yet").isEqualTo(2);
        clock.advance(Duration.ofNanos(1));
        throttle.forgetExpired();
        assertThat(rows()).as("an hour after the failure").isZero();
        LoginThrottle.Reservation ok = throttle.reserve("203.0.113.9", "admin");
        ok.succeeded();
        assertThat(rows()).as("a success leaves nothing to keep").isZero();
    }

    private int rows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_login_counts").mapTo(Integer.class).one());
    }
}
