package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitorSalt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitTest {

    @Test
    void ofBuildsAPlainHit() {
        Hit hit = Hit.of("203.0.113.7", UserAgents.CHROME_WINDOWS, "/a");
        assertThat(hit.articleId()).isNull();
        assertThat(hit.visitorId()).isNull();
        assertThat(hit.excluded()).isFalse();
        assertThat(hit.withArticle(7).articleId()).isEqualTo(7L);
        assertThat(hit.withVisitorId("s-1").visitorId()).isEqualTo("s-1");
        assertThat(hit.withExcluded(true).excluded()).isTrue();
        assertThat(hit.withReferrer("https://vnexpress.net/a").referrer()).isEqualTo("https://vnexpress.net/a");
        assertThat(hit.referrer()).isNull();
        Hit full = hit.withArticle(7).withVisitorId("s").withExcluded(true);
        assertThat(List.of(full.ip(), full.userAgent(), full.path(), full.articleId(), full.visitorId(), full.excluded()))
                .containsExactly("203.0.113.7", UserAgents.CHROME_WINDOWS, "/a", 7L, "s", true);
        assertThat(full.invalidReason()).isNull();
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Hit.of(null, "ua", "/")).isInstanceOf(NullPointerException.class).hasMessage("ip");
        assertThatThrownBy(() -> Hit.of("1.2.3.4", null, "/")).isInstanceOf(NullPointerException.class).hasMessage("userAgent");
        assertThatThrownBy(() -> Hit.of("1.2.3.4", "ua", null)).isInstanceOf(NullPointerException.class).hasMessage("path");
        assertThatThrownBy(() -> Hit.of("1.2.3.4", "ua", "/").withVisitorId(null))
                .isInstanceOf(NullPointerException.class).hasMessage("visitorId");
    }

    @Test
    void malformedClientInputMakesAnInvalidHitThatNamesTheFieldInsteadOfThrowing() {
        assertThat(Hit.of("example.com", "ua", "/").invalidReason()).contains("ip").contains("example.com");
        assertThat(Hit.of("010.0.0.1", "ua", "/").invalidReason()).contains("ip");
        assertThat(Hit.of("1.2.3.4", "ua", "a/b").invalidReason()).contains("path").contains("a/b");
        assertThat(Hit.of("1.2.3.4", "x".repeat(8193), "/").invalidReason()).contains("userAgent");
        assertThat(Hit.of("1.2.3.4", "ua", "/" + "x".repeat(8192)).invalidReason()).contains("path");
        assertThat(Hit.of("1.2.3.4", "ua", "/").withVisitorId(" ").invalidReason()).contains("visitorId");
        assertThat(Hit.of("1.2.3.4", "ua", "/").withVisitorId("v".repeat(257)).invalidReason()).contains("visitorId");
        assertThat(Hit.of("1.2.3.4", "ua", "/").withReferrer("r".repeat(8193)).invalidReason()).contains("referrer");
        assertThat(Hit.of("1.2.3.4", "", "/").invalidReason()).isNull();
        assertThat(Hit.of("1.2.3.4", "", "/").userAgent()).isEmpty();
    }

    @Test
    void eachLengthLimitAcceptsTheLimitAndMakesOneCharacterMoreInvalidNamingTheField() {
        Hit base = Hit.of("1.2.3.4", "ua", "/");
        assertThat(Hit.of("1.2.3.4", "u".repeat(Hit.MAX_USER_AGENT_LENGTH), "/").invalidReason()).isNull();
        assertThat(Hit.of("1.2.3.4", "u".repeat(Hit.MAX_USER_AGENT_LENGTH + 1), "/").invalidReason())
                .isEqualTo("userAgent is longer than 8192 characters (8193)");
        assertThat(Hit.of("1.2.3.4", "ua", "/" + "p".repeat(Hit.MAX_PATH_LENGTH - 1)).invalidReason()).isNull();
        assertThat(Hit.of("1.2.3.4", "ua", "/" + "p".repeat(Hit.MAX_PATH_LENGTH)).invalidReason())
                .isEqualTo("path is longer than 8192 characters (8193)");
        assertThat(base.withVisitorId("v".repeat(Hit.MAX_VISITOR_ID_LENGTH)).invalidReason()).isNull();
        assertThat(base.withVisitorId("v".repeat(Hit.MAX_VISITOR_ID_LENGTH + 1)).invalidReason())
                .isEqualTo("visitorId must be non-blank and at most 256 characters, got 257 characters");
        assertThat(base.withReferrer("r".repeat(Hit.MAX_REFERRER_LENGTH)).invalidReason()).isNull();
        assertThat(base.withReferrer("r".repeat(Hit.MAX_REFERRER_LENGTH + 1)).invalidReason())
                .isEqualTo("referrer is longer than 8192 characters (8193)");
    }

    @Test
    void aBadValueIsQuotedWholeUpTo64CharactersAndCutWithAnEllipsisBeyond() {
        String ip64 = "x".repeat(64);
        assertThat(Hit.of(ip64, "ua", "/").invalidReason())
                .isEqualTo("ip must be an IPv4 or IPv6 address literal, got \"" + ip64 + "\"");
        assertThat(Hit.of(ip64 + "y", "ua", "/").invalidReason())
                .isEqualTo("ip must be an IPv4 or IPv6 address literal, got \"" + ip64 + "…\"");
        assertThat(Hit.of("1.2.3.4", "ua", "p" + "a".repeat(70)).invalidReason())
                .isEqualTo("path must start with \"/\", got \"p" + "a".repeat(63) + "…\"");
    }

    @Test
    void hasAddressTellsAMissingAddressFromOtherBadInput() {
        assertThat(Hit.of("", "ua", "/").hasAddress()).isFalse();
        assertThat(Hit.of("010.0.0.1", "ua", "/").hasAddress()).isFalse();
        assertThat(Hit.of("2001:db8::1", "ua", "a/b").hasAddress()).isTrue();
        assertThat(Hit.of("1.2.3.4", "ua", "/").withReferrer("https://zalo.me/").hasAddress()).isTrue();
    }

    @Test
    void aHostSuppliedArticleIdThatIsNotPositiveIsRefusedAtOnce() {
        assertThatThrownBy(() -> Hit.of("1.2.3.4", "ua", "/").withArticle(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("articleId");
    }

    @Test
    void anInvalidHitCountsAsInvalidInTheMetricsAndNowhereElse() {
        try (VisitCounter counter = VisitCounter.builder().flushInterval(java.time.Duration.ZERO).build()) {
            assertThat(counter.record(Hit.of("999.1.1.1", UserAgents.CHROME_WINDOWS, "/").withArticle(3)))
                    .isEqualTo(HitOutcome.INVALID);
            assertThat(counter.record(Hit.of("1.2.3.4", UserAgents.CHROME_WINDOWS, "no-slash")))
                    .isEqualTo(HitOutcome.INVALID);
            VisitStats stats = counter.stats();
            assertThat(List.of(stats.today(), stats.pageViewsToday(), stats.botsToday(), stats.online()))
                    .containsOnly(0L);
            assertThat(counter.views(3)).isZero();
            assertThat(counter.metrics().invalidHits()).isEqualTo(2);
        }
    }

    @Test
    void equalsHashCodeAndARedactedToString() {
        Hit a = Hit.of("203.0.113.7", "Mozilla/5.0 secret", "/news").withArticle(3).withVisitorId("session-42")
                .withReferrer("https://example.org/secret?q=1");
        Hit b = Hit.of("203.0.113.7", "Mozilla/5.0 secret", "/news").withArticle(3).withVisitorId("session-42")
                .withReferrer("https://example.org/secret?q=1");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(a.withExcluded(true))
                .isNotEqualTo(a.withReferrer(null));
        assertThat(a.toString()).contains("/news", "articleId=3", "excluded=false")
                .doesNotContain("203.0.113.7", "Mozilla", "session-42", "example.org");
        // A log line tells whether a visitor id and a referrer were there, without showing them.
        assertThat(a).hasToString("Hit[ip=<redacted>, userAgent=<redacted, 18 chars>, path=/news, articleId=3, "
                + "visitorId=<redacted>, referrer=<redacted>, excluded=false]");
        assertThat(Hit.of("203.0.113.7", "", "/").withExcluded(true)).hasToString("Hit[ip=<redacted>, "
                + "userAgent=<redacted, 0 chars>, path=/, articleId=null, visitorId=null, referrer=null, excluded=true]");
        // Hits can key a hash map: hits that differ in any one field do not share a hash code.
        List<Hit> oneFieldApart = List.of(a, Hit.of("203.0.113.8", "Mozilla/5.0 secret", "/news").withArticle(3)
                        .withVisitorId("session-42").withReferrer("https://example.org/secret?q=1"),
                Hit.of("203.0.113.7", "Mozilla/5.0 secreT", "/news").withArticle(3).withVisitorId("session-42")
                        .withReferrer("https://example.org/secret?q=1"),
                a.withArticle(4), a.withVisitorId("session-43"), a.withExcluded(true), a.withReferrer(null),
                Hit.of("203.0.113.7", "Mozilla/5.0 secret", "/newS").withArticle(3).withVisitorId("session-42")
                        .withReferrer("https://example.org/secret?q=1"));
        assertThat(oneFieldApart.stream().map(Hit::hashCode).distinct()).hasSize(oneFieldApart.size());
        assertThat(oneFieldApart.stream().distinct()).hasSize(oneFieldApart.size());
    }

    @Test
    void valueRecordsValidateAndCompare() {
        Instant at = Instant.parse("2026-03-09T03:00:00Z");
        VisitStats s = new VisitStats(1, 2, 3, 4, 5, 6, 7, 8, at);
        assertThat(s).isEqualTo(new VisitStats(1, 2, 3, 4, 5, 6, 7, 8, at))
                .hasSameHashCodeAs(new VisitStats(1, 2, 3, 4, 5, 6, 7, 8, at))
                .isNotEqualTo(new VisitStats(0, 2, 3, 4, 5, 6, 7, 8, at));
        assertThat(s.toString()).isEqualTo("VisitStats[online=1, today=2, yesterday=3, thisWeek=4, thisMonth=5, "
                + "total=6, pageViewsToday=7, botsToday=8, asOf=2026-03-09T03:00:00Z]");
        assertThatThrownBy(() -> new VisitStats(0, -1, 0, 0, 0, 0, 0, 0, at))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("today must not be negative, got -1");
        assertThatThrownBy(() -> new VisitStats(0, 0, 0, 0, 0, 0, 0, 0, null)).hasMessage("asOf");

        LocalDate d = LocalDate.of(2026, 3, 9);
        assertThat(new DailyCount(d, 1, 2, 3)).isEqualTo(new DailyCount(d, 1, 2, 3))
                .hasSameHashCodeAs(new DailyCount(d, 1, 2, 3)).hasToString("DailyCount[date=2026-03-09, visits=1, pageViews=2, bots=3]");
        assertThatThrownBy(() -> new DailyCount(d, 0, -2, 0)).hasMessageContaining("pageViews");
        assertThat(new ArticleViews(5, 9)).isEqualTo(new ArticleViews(5, 9)).hasToString("ArticleViews[articleId=5, views=9]");
        assertThatThrownBy(() -> new ArticleViews(0, 9)).hasMessageContaining("articleId");
        assertThatThrownBy(() -> new ArticleDayViews(d, 1, -1)).hasMessageContaining("views");
        assertThat(VisitDelta.builder().build().isEmpty()).isTrue();
        assertThat(VisitorSalt.fromWords(d, 1, 2).toString()).doesNotContain("1,").contains("redacted");
    }
}
