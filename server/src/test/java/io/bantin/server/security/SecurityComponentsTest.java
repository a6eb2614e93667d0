package io.bantin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.bantin.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityComponentsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));

    @Test
    void sessionsExpireWhenIdle() {
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12));
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
        SessionStore s = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12));
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
    void csrfComparison() {
        Session a = new SessionStore(clock, Duration.ofMinutes(1), Duration.ofHours(12)).create("admin");
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
