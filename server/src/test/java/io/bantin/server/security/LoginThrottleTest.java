package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.server.MutableClock;
import io.bantin.visit.ClientAddresses;
import io.bantin.store.Database;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The login throttle's schedule, its keys and its reservations, on a fake clock, with its counts in
 * this process; the subclasses run every test again with the counts in a database.
 */
class LoginThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));
    private LoginThrottle throttle;

    @BeforeEach
    void createTheThrottle() {
        throttle = newThrottle();
    }

    /** A throttle with the standard policy on {@link #clock}. */
    LoginThrottle newThrottle() {
        return LoginThrottle.standard(clock);
    }

    /** One wrong password for this user from this address, which must have been allowed. */
    private void fail(String ip, String user) {
        LoginThrottle.Reservation r = throttle.reserve(ip, user);
        assertThat(r.verdict()).as("attempt for %s from %s", user, ip).isEqualTo(LoginThrottle.Verdict.ALLOWED);
        r.failed();
    }

    private void succeed(String ip, String user) {
        LoginThrottle.Reservation r = throttle.reserve(ip, user);
        assertThat(r.verdict()).isEqualTo(LoginThrottle.Verdict.ALLOWED);
        r.succeeded();
    }

    @Test
    void fiveFailuresAreFreeThenTheWaitDoublesFromTenSecondsUpToFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            fail("198.51.100.7", "admin");
            assertThat(throttle.retryAfter("198.51.100.7", "admin")).isZero();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fail("198.51.100.7", "admin");
            Duration wait = throttle.retryAfter("198.51.100.7", "admin");
            waits.add(wait.toSeconds());
            clock.advance(wait);
        }
        assertThat(waits).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L, 900L);
    }

    @Test
    void aThrottledAttemptIsRefusedUntilTheWaitEndsAndAllowedTheMomentItDoes() {
        for (int i = 0; i < 5; i++) {
            fail("198.51.100.7", "admin");
        }
        clock.advance(Duration.ofMillis(9_999));
        LoginThrottle.Reservation early = throttle.reserve("198.51.100.7", "admin");
        assertThat(early.verdict()).isEqualTo(LoginThrottle.Verdict.THROTTLED);
        assertThat(early.retryAfter()).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.reserve("198.51.100.7", "admin").verdict()).isEqualTo(LoginThrottle.Verdict.ALLOWED);
    }

    @Test
    void afterTwoFailuresOnlyTheThreeFreeAttemptsLeftMayBeCheckedAtOnce() {
        fail("198.51.100.7", "admin");
        fail("198.51.100.7", "admin");
        List<LoginThrottle.Reservation> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(throttle.reserve("198.51.100.7", "admin"));
            assertThat(held.get(i).verdict()).as("concurrent attempt %d", i + 1).isEqualTo(LoginThrottle.Verdict.ALLOWED);
        }
        LoginThrottle.Reservation fourth = throttle.reserve("198.51.100.7", "admin");
        assertThat(fourth.verdict()).isEqualTo(LoginThrottle.Verdict.THROTTLED);
        assertThat(fourth.retryAfter()).isEqualTo(LoginThrottle.IN_FLIGHT_WAIT);
        held.get(0).cancel();
        assertThat(throttle.reserve("198.51.100.7", "admin").verdict()).as("a released place").isEqualTo(LoginThrottle.Verdict.ALLOWED);
    }

    @Test
    void failuresForOneUserFromOneAddressDoNotThrottleThatUserElsewhere() {
        for (int i = 0; i < 12; i++) {
            LoginThrottle.Reservation r = throttle.reserve("203.0.113.66", "Admin");
            if (r.verdict() == LoginThrottle.Verdict.ALLOWED) {
                r.failed();
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(throttle.retryAfter("203.0.113.66", "admin")).isPositive();
        assertThat(throttle.retryAfter("198.51.100.20", "admin")).isZero();
        assertThat(throttle.retryAfter("2001:db8:aa::1", "admin")).isZero();
        succeed("198.51.100.20", "admin");
    }

    @Test
    void oneAddressTryingManyUserNamesIsThrottledAfterTwentyFailures() {
        for (int i = 0; i < 19; i++) {
            fail("203.0.113.66", "user" + i);
        }
        assertThat(throttle.retryAfter("203.0.113.66", "someone-new")).isZero();
        fail("203.0.113.66", "user19");
        assertThat(throttle.retryAfter("203.0.113.66", "someone-new")).isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.retryAfter("203.0.113.67", "someone-new")).isZero();
        assertThat(throttle.retryAfter("203.0.113.67", "user0")).isZero();
    }

    @Test
    void anIpv6Slash64CountsAsOneAddress() {
        for (int i = 1; i <= 20; i++) {
            fail("2001:db8:1:2::" + Integer.toHexString(i), "user" + i);
        }
        assertThat(throttle.retryAfter("2001:db8:1:2:ffff:ffff:ffff:9", "anyone")).isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.retryAfter("2001:0db8:0001:0002::1", "anyone")).isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.retryAfter("2001:db8:1:3::1", "anyone")).isZero();
        for (int i = 1; i <= 5; i++) {
            fail("2001:db8:7:7:" + i + "::1", "admin");
        }
        assertThat(throttle.retryAfter("2001:db8:7:7:abcd::2", "admin")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void ipv4MappedAddressesCountAsTheirIpv4AddressAndIpv6AddressesByTheirSlash64() {
        assertThat(LoginThrottle.addressGroup("::ffff:198.51.100.7")).isEqualTo(LoginThrottle.addressGroup("198.51.100.7"));
        assertThat(LoginThrottle.addressGroup("198.51.100.7")).isNotEqualTo(LoginThrottle.addressGroup("198.51.100.8"));
        assertThat(LoginThrottle.addressGroup("2001:db8:1:2:3:4:5:6"))
                .isEqualTo(LoginThrottle.addressGroup("2001:db8:1:2::ffff"))
                .isNotEqualTo(LoginThrottle.addressGroup("2001:db8:1:3:3:4:5:6"));
        assertThat(LoginThrottle.addressGroup("not an address")).isEqualTo("not an address");
    }

    @Test
    void aSuccessClearsItsOwnCountButNotTheAddresses() {
        for (int i = 0; i < 4; i++) {
            fail("198.51.100.7", "admin");
        }
        succeed("198.51.100.7", "admin");
        for (int i = 0; i < 4; i++) {
            fail("198.51.100.7", "admin");
        }
        // Eight failures in all, but the success in between started the pair's count afresh.
        assertThat(throttle.retryAfter("198.51.100.7", "admin")).isZero();
        for (int i = 0; i < 12; i++) {
            fail("198.51.100.7", "other" + i);
        }
        // The address's count (20 failures) was not cleared by admin's success.
        assertThat(throttle.retryAfter("198.51.100.7", "admin")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLastOne() {
        for (int i = 0; i < 7; i++) {
            fail("198.51.100.7", "admin");
            clock.advance(throttle.retryAfter("198.51.100.7", "admin"));
        }
        clock.advance(Duration.ofMinutes(59));
        fail("198.51.100.7", "admin");
        assertThat(throttle.retryAfter("198.51.100.7", "admin")).isEqualTo(Duration.ofSeconds(80));
        clock.advance(Duration.ofHours(1));
        fail("198.51.100.7", "admin");
        assertThat(throttle.retryAfter("198.51.100.7", "admin")).isZero();
    }

    @Test
    void attemptsBeingCheckedHoldTheBudgetUntilTheyEnd() {
        List<LoginThrottle.Reservation> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LoginThrottle.Reservation r = throttle.reserve("198.51.100.7", "admin");
            assertThat(r.verdict()).isEqualTo(LoginThrottle.Verdict.ALLOWED);
            open.add(r);
        }
        LoginThrottle.Reservation sixth = throttle.reserve("198.51.100.7", "admin");
        assertThat(sixth.verdict()).isEqualTo(LoginThrottle.Verdict.THROTTLED);
        assertThat(sixth.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        open.get(0).cancel();
        open.get(0).failed();
        assertThat(throttle.reserve("198.51.100.7", "admin").verdict()).isEqualTo(LoginThrottle.Verdict.ALLOWED);
    }

    @Test
    void sixtyConcurrentWrongLoginsCheckOnlyFivePasswords(@TempDir Path dir) throws Exception {
        Database db = Database.sqlite(dir.resolve("bantin.db"));
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("bantin.db").toAbsolutePath());
        AdminAccounts.migrate(ds);
        AdminAccounts accounts = new AdminAccounts(db.jdbi(), new PasswordHasher(4), clock);
        accounts.setPassword("admin", "the-right-password");
        AtomicInteger checks = new AtomicInteger();
        Logins logins = new Logins((user, password) -> {
            checks.incrementAndGet();
            return accounts.authenticate(user, password);
        }, throttle, ClientAddresses.direct());

        ExecutorService pool = Executors.newFixedThreadPool(60);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Logins.Result>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String guess = "guess-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return logins.attempt("203.0.113.66", "admin", guess);
                }));
            }
            go.countDown();
            int failed = 0;
            int throttled = 0;
            for (Future<Logins.Result> f : results) {
                Logins.Kind kind = f.get(30, TimeUnit.SECONDS).kind();
                failed += kind == Logins.Kind.FAILED ? 1 : 0;
                throttled += kind == Logins.Kind.THROTTLED ? 1 : 0;
            }
            assertThat(checks.get()).isEqualTo(5);
            assertThat(failed).isEqualTo(5);
            assertThat(throttled).isEqualTo(55);
        } finally {
            pool.shutdownNow();
            db.close();
        }
        assertThat(logins.attempt("198.51.100.20", "admin", "the-right-password").kind()).isEqualTo(Logins.Kind.OK);
        assertThat(checks.get()).isEqualTo(6);
    }

    @Test
    void retryAfterSecondsRoundUp() {
        assertThat(new Logins.Result(Logins.Kind.THROTTLED, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Logins.Result(Logins.Kind.THROTTLED, Duration.ofMillis(9_001)).retryAfterSeconds()).isEqualTo(10);
        assertThat(new Logins.Result(Logins.Kind.THROTTLED, Duration.ofSeconds(10)).retryAfterSeconds()).isEqualTo(10);
        assertThat(new Logins.Result(Logins.Kind.OK, Duration.ZERO).retryAfterSeconds()).isZero();
    }

    @Test
    void aRightPasswordAfterFourWrongOnesGivesTheUserFiveFreshMistakes() {
        Logins logins = new Logins((user, password) -> password.equals("right"), throttle, ClientAddresses.direct());
        for (int i = 0; i < 4; i++) {
            assertThat(logins.attempt("198.51.100.7", "admin", "wrong").kind()).isEqualTo(Logins.Kind.FAILED);
        }
        assertThat(logins.attempt("198.51.100.7", "admin", "right").kind()).isEqualTo(Logins.Kind.OK);
        for (int i = 0; i < 5; i++) {
            assertThat(logins.attempt("198.51.100.7", "admin", "wrong").kind()).as("fresh mistake %d", i + 1)
                    .isEqualTo(Logins.Kind.FAILED);
        }
        assertThat(logins.attempt("198.51.100.7", "admin", "wrong").kind()).isEqualTo(Logins.Kind.THROTTLED);
    }

    @Test
    void aPasswordCheckThatFailsGivesBackItsPlaceAndCountsNoFailure() {
        Logins logins = new Logins((user, password) -> {
            throw new IllegalStateException("the database is away");
        }, throttle, ClientAddresses.direct());
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> logins.attempt("198.51.100.7", "admin", "any"))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(throttle.retryAfter("198.51.100.7", "admin")).isZero();
        for (int i = 0; i < 5; i++) {
            fail("198.51.100.7", "admin");
        }
    }

    @Test
    void aScheduleWhoseWaitNeverGrowsAndIsForgottenAtOnceIsAllowed() {
        LoginThrottle.Backoff flat = new LoginThrottle.Backoff(1, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        assertThat(flat.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(flat.delayAfter(3)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aScheduleNamesItsBadValue() {
        assertThatThrownBy(() -> new LoginThrottle.Backoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("freeFailures").hasMessageContaining("0");
        assertThatThrownBy(() -> new LoginThrottle.Backoff(1, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("firstDelay");
        assertThatThrownBy(() -> new LoginThrottle.Backoff(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new LoginThrottle.Backoff(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("forgetAfter");
        LoginThrottle.Backoff b = new LoginThrottle.Backoff(2, Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofMinutes(1));
        assertThat(List.of(b.delayAfter(1), b.delayAfter(2), b.delayAfter(3), b.delayAfter(4), b.delayAfter(1_000)))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(12), Duration.ofSeconds(20));
    }
}
