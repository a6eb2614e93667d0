package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.bantin.server.MutableClock;
import io.bantin.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityComponentsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void openTheDatabase() {
        db = ServerTables.sqlite(dir);
    }

    @AfterEach
    void closeTheDatabase() {
        db.close();
    }

    @Test
    void sessionsExpireWhenIdle() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = s.create("admin");
        assertThat(a.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.csrfToken()).isNotEqualTo(a.token());
        clock.advance(Duration.ofMinutes(20));
        assertThat(s.find(a.token())).contains(a);
        clock.advance(Duration.ofMinutes(20));
        assertThat(s.find(a.token())).contains(a);
        clock.advance(Duration.ofMinutes(31));
        assertThat(s.find(a.token())).isEmpty();
        assertThat(s.find(null)).isEmpty();
        assertThat(a.toString()).doesNotContain(a.token());
    }

    @Test
    void anActiveSessionEndsAtItsAbsoluteLifetime() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = s.create("admin");
        // Used every 20 minutes, so never idle for long: only the lifetime can end it.
        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(s.find(a.token())).as("after %d minutes", (i + 1) * 20).contains(a);
        }
        clock.advance(Duration.ofMinutes(19).plusSeconds(59));
        assertThat(s.find(a.token())).as("one second before 12 hours").contains(a);
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.find(a.token())).as("at 12 hours").isEmpty();
        assertThat(s.find(s.create("admin").token())).as("a new login starts a new lifetime").isPresent();
    }

    @Test
    void aSessionEndsExactlyWhenItHasBeenIdleForTheIdleTime() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = s.create("admin");
        clock.advance(Duration.ofMinutes(30).minusNanos(1));
        assertThat(s.find(a.token())).as("a nanosecond before 30 idle minutes").contains(a);
        // That read was a use: the idle time starts again from it.
        clock.advance(Duration.ofMinutes(30));
        assertThat(s.find(a.token())).as("30 idle minutes after the last use").isEmpty();
    }

    @Test
    void aLoggedOutSessionIsGoneAndItsTokenNeverComesBack() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = s.create("admin");
        Session other = s.create("admin");
        s.invalidate(a.token());
        s.invalidate(null);
        assertThat(s.find(a.token())).isEmpty();
        assertThat(s.find(other.token())).as("another login of the same user").contains(other);
        Set<String> tokens = new HashSet<>(Set.of(a.token(), other.token()));
        for (int i = 0; i < 200; i++) {
            Session next = s.create("admin");
            assertThat(next.token()).matches("[A-Za-z0-9_-]{43}");
            assertThat(tokens.add(next.token())).as("token %s issued twice", next.token()).isTrue();
            assertThat(tokens.add(next.csrfToken())).as("CSRF token %s issued twice", next.csrfToken()).isTrue();
        }
        assertThat(s.find(a.token())).as("no later login revives a logged-out token").isEmpty();
    }

    @Test
    void theDatabaseHoldsOnlyAHashOfASessionsTokenAndNeitherTokenCanBeReadFromIt() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = s.create("admin");
        java.util.List<java.util.Map<String, Object>> rows = db.jdbi().withHandle(h ->
                h.createQuery("SELECT * FROM bantin_sessions").mapToMap().list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).toString()).doesNotContain(a.token()).doesNotContain(a.csrfToken());
        assertThat(rows.get(0).get("token_hash").toString()).matches("[0-9a-f]{64}");
    }

    @Test
    void aSessionStartedThroughOneServerIsFoundByAnotherAndALogoutOnEitherEndsItOnBoth() {
        SessionStore one = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        SessionStore two = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = one.create("admin");
        clock.advance(Duration.ofMinutes(20));
        assertThat(two.find(a.token())).contains(a);
        clock.advance(Duration.ofMinutes(20));
        assertThat(one.find(a.token())).as("the use on the other server counted").contains(a);
        two.invalidate(a.token());
        assertThat(one.find(a.token())).isEmpty();
    }

    @Test
    void endedSessionsAreDeletedAndLiveOnesKept() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session idle = s.create("admin");
        clock.advance(Duration.ofMinutes(20));
        Session active = s.create("editor");
        clock.advance(Duration.ofMinutes(10).minusNanos(1));
        assertThat(s.deleteExpired()).as("a nanosecond before the first ends").isZero();
        clock.advance(Duration.ofNanos(1));
        assertThat(s.deleteExpired()).isEqualTo(1);
        assertThat(s.find(active.token())).contains(active);
        assertThat(s.find(idle.token())).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        assertThat(s.find(active.token())).as("met after its end: gone").isEmpty();
        int rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_sessions").mapTo(Integer.class).one());
        assertThat(rows).as("and its row with it").isZero();
    }

    @Test
    void tokensThatCannotBeSessionsFindNothing() {
        SessionStore s = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        s.create("admin");
        assertThat(s.find("")).isEmpty();
        assertThat(s.find("x".repeat(101))).isEmpty();
        assertThat(s.find("A".repeat(43))).isEmpty();
    }

    @Test
    void aSessionStoreRefusesIdleOrLifetimeThatIsNotPositive() {
        assertThatThrownBy(() -> new SessionStore(db.jdbi(), clock, Duration.ZERO, Duration.ofHours(12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idle must be positive, was PT0S");
        assertThatThrownBy(() -> new SessionStore(db.jdbi(), clock, Duration.ofMinutes(-1), Duration.ofHours(12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idle must be positive, was PT-1M");
        assertThatThrownBy(() -> new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lifetime must be positive, was PT0S");
        assertThatThrownBy(() -> new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lifetime must be positive, was PT-1H");
    }

    @Test
    void csrfComparison() {
        Session a = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(1), Duration.ofHours(12)).create("admin");
        assertThat(a.csrfMatches(a.csrfToken())).isTrue();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(a.csrfMatches("x")).isFalse();
    }

    @Test
    void bcryptRoundTrip() {
        PasswordHasher h = new PasswordHasher(4);
        String hash = h.hash("mật khẩu dài");
        assertThat(hash).startsWith("$2a$04$");
        assertThat(h.verify("mật khẩu dài", hash)).isTrue();
        assertThat(h.verify("sai", hash)).isFalse();
        assertThat(h.verify("x", null)).isFalse();
        assertThat(h.verify("x", "not-a-hash")).isFalse();
        String longPw = "x".repeat(100);
        assertThat(h.verify(longPw, h.hash(longPw))).isTrue();
        assertThat(h.verify("x".repeat(99) + "y", h.hash(longPw))).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordAreSaltedDifferentlyAndBothVerify() {
        PasswordHasher h = new PasswordHasher(4);
        String first = h.hash("mật khẩu");
        String second = h.hash("mật khẩu");
        assertThat(first).isNotEqualTo(second);
        // bcrypt's salt is the 22 characters after "$2a$04$": it is what differs.
        assertThat(first.substring(7, 29)).isNotEqualTo(second.substring(7, 29));
        assertThat(h.verify("mật khẩu", first)).isTrue();
        assertThat(h.verify("mật khẩu", second)).isTrue();
        assertThat(h.verify("mật khẩu ", first)).as("a wrong password").isFalse();
    }

    @Test
    void aHasherRefusesACostBcryptCannotUse() {
        assertThatThrownBy(() -> new PasswordHasher(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost must be 4..31, was 3");
        assertThatThrownBy(() -> new PasswordHasher(32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost must be 4..31, was 32");
        assertThat(new PasswordHasher(31)).isNotNull();
    }

    @Test
    void anUnknownUserAtAnotherCostIsCheckedAgainstAHashOfThatCostAndNeverMatches() {
        PasswordHasher h = new PasswordHasher(4);
        assertThat(h.verify("bantin-dummy-" + System.identityHashCode(h), null)).isFalse();
        assertThat(h.verify("", null)).isFalse();
    }

    @Test
    void unknownUsersAreCheckedAgainstAWellFormedHashOfTheSameCost() {
        // The shipped dummy must cost a full bcrypt at the default cost: a malformed one would be
        // refused at once and let response times tell unknown users apart.
        BCrypt.Result r = BCrypt.verifyer().verify("x".toCharArray(), PasswordHasher.DUMMY_HASH_COST_10);
        assertThat(r.validFormat).isTrue();
        assertThat(r.verified).isFalse();
        assertThat(r.details.cost).isEqualTo(PasswordHasher.DEFAULT_COST);
        assertThat(new PasswordHasher(PasswordHasher.DEFAULT_COST).verify("x", null)).isFalse();
    }
}
