package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per counting rule of issue 2, §2, driven by a fake clock. */
class CountingRulesTest {

    // Monday 9 March 2026, 10:00 in Asia/Ho_Chi_Minh (UTC+7).
    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).build();

    @AfterEach
    void close() {
        counter.close();
    }

    /** Restarts the counter at {@code instant}: the clock never runs backwards under a live counter. */
    private void startAt(String instant) {
        counter.close();
        clock.set(instant);
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).build();
    }

    private static Hit hit(String ip) {
        return Hit.of(ip, UserAgents.CHROME_WINDOWS, "/");
    }

    @Test
    void firstHitStartsAVisitAndIsAPageView() {
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
        VisitStats s = counter.stats();
        assertThat(s.today()).isEqualTo(1);
        assertThat(s.total()).isEqualTo(1);
        assertThat(s.pageViewsToday()).isEqualTo(1);
        assertThat(s.online()).isEqualTo(1);
        assertThat(s.asOf()).isEqualTo(clock.instant());
    }

    @Test
    void hitsWithinTheTimeoutContinueTheVisit() {
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofMinutes(29).plusSeconds(59).plusMillis(999));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        clock.advance(Duration.ofMinutes(29));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().today()).isEqualTo(1);
        assertThat(counter.stats().pageViewsToday()).isEqualTo(3);
    }

    @Test
    void exactlyTheTimeoutStartsANewVisit() {
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.stats().today()).isEqualTo(2);
    }

    @Test
    void aHitLessThanASecondAfterTheLastOneStillRestartsTheTimeout() {
        counter.record(hit("203.0.113.7"));
        clock.advanceMillis(400);
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().today()).isEqualTo(1);
    }

    @Test
    void aConfiguredTimeoutIsHonoured() {
        counter.close();
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .visitTimeout(Duration.ofMinutes(10)).build();
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        clock.advance(Duration.ofMinutes(10));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
    }

    @Test
    void theTimeoutHoldsWhenTheOnlineWindowIsLongerThanIt() {
        // The visitor cache keeps entries for the longer of the two, so here it still knows the
        // visitor at the timeout: only the timeout's own comparison can start the new visit.
        counter.close();
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .onlineWindow(Duration.ofMinutes(30)).visitTimeout(Duration.ofMinutes(10)).build();
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        clock.advance(Duration.ofMinutes(10));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.stats().today()).isEqualTo(2);
        assertThat(counter.stats().online()).isEqualTo(1);
    }

    @Test
    void visitorKeysAreSaltedAtRandomPerInstallationAndPerDay() {
        InMemoryVisitStore first = new InMemoryVisitStore();
        InMemoryVisitStore second = new InMemoryVisitStore();
        long[] keys = new long[3];
        try (VisitCounter a = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).store(first).build();
             VisitCounter b = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).store(second).build()) {
            a.record(hit("203.0.113.7"));
            b.record(hit("203.0.113.7"));
            a.flush();
            b.flush();
            keys[0] = onlyKey(first);
            keys[1] = onlyKey(second);

            clock.set("2026-03-10T03:00:00Z"); // the next day, long after yesterday's grace period
            a.record(hit("203.0.113.7"));
            a.flush();
            keys[2] = onlyKey(first);
        }
        // The same reader on two installations, and on one installation on two days, is not linkable.
        assertThat(keys[0]).isNotEqualTo(keys[1]).isNotEqualTo(keys[2]);
        assertThat(keys[1]).isNotEqualTo(keys[2]);
    }

    private static long onlyKey(InMemoryVisitStore store) {
        return store.loadWindow().orElseThrow().visitors().stream()
                .max(java.util.Comparator.comparing(io.bantin.visit.spi.ActiveVisitor::lastHit))
                .orElseThrow().key();
    }

    @Test
    void identityIsIpAndUserAgentOrTheHostsVisitorId() {
        counter.record(Hit.of("203.0.113.7", UserAgents.CHROME_WINDOWS, "/"));
        assertThat(counter.record(Hit.of("203.0.113.7", UserAgents.FIREFOX_LINUX, "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.record(Hit.of("203.0.113.8", UserAgents.CHROME_WINDOWS, "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.record(Hit.of("::ffff:203.0.113.7", UserAgents.CHROME_WINDOWS, "/x")))
                .as("the same address spelled as IPv6").isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.record(Hit.of("198.51.100.1", UserAgents.CHROME_WINDOWS, "/").withVisitorId("session-1")))
                .isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.record(Hit.of("198.51.100.2", UserAgents.SAFARI_IPHONE, "/").withVisitorId("session-1")))
                .as("same session from another network").isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().today()).isEqualTo(4);
        assertThat(counter.stats().online()).isEqualTo(4);
    }

    @Test
    void theFirstHitAfterLocalMidnightStartsANewVisit() {
        clock.set("2026-03-09T16:59:00Z"); // 23:59 local
        counter.record(hit("203.0.113.7"));
        clock.set("2026-03-09T16:59:59.999Z");
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        clock.set("2026-03-09T17:00:00Z"); // 00:00 local, Tuesday 10 March
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
        VisitStats s = counter.stats();
        assertThat(s.today()).isEqualTo(1);
        assertThat(s.yesterday()).isEqualTo(1);
        assertThat(s.total()).isEqualTo(2);
        assertThat(s.online()).as("one person, even though the salt rotated").isEqualTo(1);
        assertThat(s.pageViewsToday()).isEqualTo(1);
    }

    @Test
    void aHitAtTheFirstMillisecondOfTheDayBelongsToItsVisit() {
        clock.set("2026-03-09T17:00:00Z"); // 00:00:00.000 local, Tuesday 10 March
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
        clock.advance(Duration.ofMinutes(1));
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().today()).isEqualTo(1);
    }

    @Test
    void midnightIsTheSiteZonesNotUtcNorTheJvms() {
        clock.set("2026-03-09T23:50:00Z"); // 06:50 local on the 10th; UTC still says the 9th
        counter.record(hit("203.0.113.7"));
        clock.set("2026-03-10T00:10:00Z"); // UTC midnight passed: same local day, same visit
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.daily(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 10)).get(0).visits()).isEqualTo(1);
        assertThat(counter.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    @Test
    void aVisitorActiveAcrossMidnightIsOneOnlineVisitorWithOneVisitEachDay() {
        clock.set("2026-03-09T16:58:00Z");
        counter.record(hit("203.0.113.7").withArticle(5));
        counter.record(hit("198.51.100.9"));
        clock.set("2026-03-09T17:01:00Z");
        VisitStats before = counter.stats();
        assertThat(before.online()).isEqualTo(2);
        assertThat(before.today()).isZero();
        assertThat(before.yesterday()).isEqualTo(2);

        assertThat(counter.record(hit("203.0.113.7").withArticle(5))).isEqualTo(HitOutcome.NEW_VISIT);
        VisitStats after = counter.stats();
        assertThat(after.online()).as("the returning visitor is still one person").isEqualTo(2);
        assertThat(after.today()).isEqualTo(1);
        assertThat(after.yesterday()).isEqualTo(2);
        assertThat(counter.views(5)).as("a new visit may view the article again").isEqualTo(2);

        clock.set("2026-03-09T17:02:59.999Z");
        assertThat(counter.stats().online()).isEqualTo(2);
        clock.set("2026-03-09T17:03:00Z");
        assertThat(counter.stats().online()).as("the 23:58 visitor who did not return left the window").isEqualTo(1);
    }

    @Test
    void yesterdaysSaltIsForgottenAfterTheGracePeriod() {
        clock.set("2026-03-09T16:59:00Z");
        counter.record(hit("203.0.113.7"));
        clock.set("2026-03-09T17:29:00Z"); // 29 min after midnight: still carried over
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.set("2026-03-09T17:31:00Z");
        assertThat(counter.record(hit("203.0.113.7"))).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.stats().online()).isEqualTo(1);
        assertThat(counter.stats().today()).isEqualTo(1);
    }

    @Test
    void onlineIsExactAtTheWindowEdge() {
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofSeconds(10).plusMillis(500));
        counter.record(hit("203.0.113.8"));
        clock.advance(Duration.ofMinutes(5).minusSeconds(10).minusMillis(501)); // first at 5 min - 1 ms
        assertThat(counter.stats().online()).isEqualTo(2);
        clock.advanceMillis(1); // first exactly 5 min ago
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10).plusMillis(499));
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.advanceMillis(1);
        assertThat(counter.stats().online()).isZero();
        assertThat(counter.stats().today()).isEqualTo(2);
    }

    @Test
    void aVisitorMovesWithinTheWindowInsteadOfCountingTwice() {
        for (int i = 0; i < 10; i++) {
            counter.record(hit("203.0.113.7"));
            clock.advance(Duration.ofSeconds(45));
        }
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4).plusSeconds(15).minusMillis(1));
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.advanceMillis(1);
        assertThat(counter.stats().online()).isZero();
    }

    @Test
    void aConfiguredOnlineWindowIsHonoured() {
        counter.close();
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .onlineWindow(Duration.ofSeconds(65)).build();
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofSeconds(65).minusMillis(1));
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.advanceMillis(1);
        assertThat(counter.stats().online()).isZero();
    }

    @Test
    void weeksStartOnMonday() {
        startAt("2026-03-08T03:00:00Z"); // Sunday 8 March
        counter.record(hit("203.0.113.7"));
        assertThat(counter.stats().thisWeek()).isEqualTo(1);
        clock.set("2026-03-08T16:59:59.999Z"); // Sunday 23:59:59.999
        counter.record(hit("203.0.113.8"));
        assertThat(counter.stats().thisWeek()).isEqualTo(2);
        clock.set("2026-03-08T17:00:00Z"); // Monday 00:00
        assertThat(counter.stats().thisWeek()).isZero();
        counter.record(hit("203.0.113.9"));
        VisitStats s = counter.stats();
        assertThat(s.thisWeek()).isEqualTo(1);
        assertThat(s.yesterday()).isEqualTo(2);
        assertThat(s.thisMonth()).isEqualTo(3);
        clock.set("2026-03-15T16:59:59.999Z"); // Sunday 15th, end of that week
        assertThat(counter.stats().thisWeek()).isEqualTo(1);
        clock.set("2026-03-15T17:00:00Z");
        assertThat(counter.stats().thisWeek()).isZero();
    }

    @Test
    void theFirstDayOfTheWeekIsConfigurable() {
        counter.close();
        clock.set("2026-03-07T16:59:00Z"); // Saturday 23:59
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .firstDayOfWeek(DayOfWeek.SUNDAY).build();
        counter.record(hit("203.0.113.7"));
        clock.set("2026-03-08T03:00:00Z"); // Sunday
        counter.record(hit("203.0.113.8"));
        clock.set("2026-03-09T03:00:00Z"); // Monday
        counter.record(hit("203.0.113.9"));
        assertThat(counter.stats().thisWeek()).isEqualTo(2);
    }

    @Test
    void monthsFollowTheSiteCalendar() {
        clock.set("2026-03-31T16:59:59.999Z"); // Tuesday 31 March, 23:59:59.999 local
        counter.record(hit("203.0.113.7"));
        assertThat(counter.stats().thisMonth()).isEqualTo(1);
        clock.set("2026-03-31T17:00:00Z"); // Wednesday 1 April, 00:00 local; UTC still says March
        counter.record(hit("203.0.113.8"));
        VisitStats s = counter.stats();
        assertThat(s.thisMonth()).isEqualTo(1);
        assertThat(s.thisWeek()).isEqualTo(2);
        assertThat(s.yesterday()).isEqualTo(1);
        assertThat(s.total()).isEqualTo(2);
    }

    @Test
    void totalIsTheBaselinePlusAllVisitsAndSettingItTwiceChangesNothing() {
        counter.record(hit("203.0.113.7"));
        counter.setBaseline(722_158);
        counter.setBaseline(722_158);
        assertThat(counter.baseline()).isEqualTo(722_158);
        assertThat(counter.stats().total()).isEqualTo(722_159);
        counter.flush();
        counter.setBaseline(722_158);
        assertThat(counter.stats().total()).isEqualTo(722_159);
        clock.advance(Duration.ofDays(40));
        counter.record(hit("203.0.113.7"));
        assertThat(counter.stats().total()).isEqualTo(722_160);
        counter.setBaseline(1000);
        assertThat(counter.stats().total()).isEqualTo(1002);
        assertThatThrownBy(() -> counter.setBaseline(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void theBaselineIsCappedAtTenToTheFifteenthSoTheTotalCannotOverflow() {
        counter.record(hit("203.0.113.7"));
        counter.setBaseline(VisitCounter.MAX_BASELINE);
        assertThat(counter.stats().total()).isEqualTo(1_000_000_000_000_001L);
        for (long tooBig : new long[] {VisitCounter.MAX_BASELINE + 1, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> counter.setBaseline(tooBig)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Long.toString(tooBig)).hasMessageContaining("1000000000000000");
        }
        assertThat(counter.baseline()).isEqualTo(VisitCounter.MAX_BASELINE);
    }

    @Test
    void saturatingSumsStopAtTheLargestLongInsteadOfTurningNegative() {
        assertThat(Saturating.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE - 5, 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE - 5, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(40, 2)).isEqualTo(42);
        assertThat(Saturating.add(0, 0)).isZero();
    }

    @Test
    void everyCountedHitIsAPageView() {
        counter.record(hit("203.0.113.7"));
        counter.record(Hit.of("203.0.113.7", UserAgents.CHROME_WINDOWS, "/a"));
        counter.record(hit("203.0.113.8"));
        counter.record(Hit.of("203.0.113.9", UserAgents.GOOGLEBOT, "/"));
        counter.record(hit("203.0.113.10").withExcluded(true));
        assertThat(counter.stats().pageViewsToday()).isEqualTo(3);
        assertThat(counter.daily(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 9)))
                .containsExactly(new DailyCount(LocalDate.of(2026, 3, 9), 2, 3, 1));
    }

    @Test
    void anArticleCountsAtMostOncePerVisitorPerVisit() {
        Hit reader = hit("203.0.113.7").withArticle(42);
        counter.record(reader);
        counter.record(reader);
        clock.advance(Duration.ofMinutes(20));
        counter.record(reader);
        assertThat(counter.views(42)).isEqualTo(1);
        counter.record(hit("203.0.113.7").withArticle(43));
        assertThat(counter.views(List.of(42L, 43L, 44L))).containsExactly(Map.entry(42L, 1L), Map.entry(43L, 1L), Map.entry(44L, 0L));
        counter.record(hit("203.0.113.8").withArticle(42));
        assertThat(counter.views(42)).isEqualTo(2);
        clock.advance(Duration.ofMinutes(30));
        counter.record(reader);
        assertThat(counter.views(42)).as("a new visit views it again").isEqualTo(3);
        counter.flush();
        assertThat(counter.views(42)).isEqualTo(3);
        counter.record(hit("203.0.113.9").withArticle(42));
        assertThat(counter.views(42)).isEqualTo(4);
    }

    @Test
    void botsAreTalliedAndCountNothingElse() {
        assertThat(counter.record(Hit.of("66.249.66.1", UserAgents.GOOGLEBOT, "/").withArticle(1))).isEqualTo(HitOutcome.BOT);
        assertThat(counter.record(Hit.of("66.249.66.1", "", "/"))).isEqualTo(HitOutcome.BOT);
        assertThat(counter.record(Hit.of("66.249.66.2", UserAgents.CURL, "/"))).isEqualTo(HitOutcome.BOT);
        VisitStats s = counter.stats();
        assertThat(s.botsToday()).isEqualTo(3);
        assertThat(s.today()).isZero();
        assertThat(s.online()).isZero();
        assertThat(s.pageViewsToday()).isZero();
        assertThat(s.total()).isZero();
        assertThat(counter.views(1)).isZero();
        assertThat(counter.record(Hit.of("203.0.113.7", UserAgents.COC_COC, "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.record(Hit.of("203.0.113.7", UserAgents.ZALO_ANDROID, "/"))).isEqualTo(HitOutcome.NEW_VISIT);
    }

    @Test
    void excludedHitsCountNothing() {
        counter.close();
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .excludedNetworks(List.of("10.0.0.0/8", "2001:db8::/32", "198.51.100.7")).build();
        assertThat(counter.record(hit("203.0.113.7").withExcluded(true).withArticle(1))).isEqualTo(HitOutcome.EXCLUDED);
        assertThat(counter.record(hit("10.1.2.3").withArticle(1))).isEqualTo(HitOutcome.EXCLUDED);
        assertThat(counter.record(hit("2001:db8:1::5"))).isEqualTo(HitOutcome.EXCLUDED);
        assertThat(counter.record(hit("198.51.100.7"))).isEqualTo(HitOutcome.EXCLUDED);
        assertThat(counter.record(Hit.of("10.0.0.1", UserAgents.GOOGLEBOT, "/"))).as("excluded beats bot")
                .isEqualTo(HitOutcome.EXCLUDED);
        assertThat(counter.record(Hit.of("10.0.0.1", "ua", "/").withVisitorId("editor"))).isEqualTo(HitOutcome.EXCLUDED);
        VisitStats s = counter.stats();
        assertThat(List.of(s.online(), s.today(), s.total(), s.pageViewsToday(), s.botsToday())).containsOnly(0L);
        assertThat(counter.views(1)).isZero();
        assertThat(counter.record(hit("198.51.100.8"))).isEqualTo(HitOutcome.NEW_VISIT);
    }

    @Test
    void dailyListsEveryDayOfTheRange() {
        counter.record(hit("203.0.113.7"));
        clock.advance(Duration.ofDays(2));
        counter.record(hit("203.0.113.7"));
        counter.record(Hit.of("203.0.113.7", UserAgents.BINGBOT, "/"));
        counter.flush();
        clock.advance(Duration.ofMinutes(1));
        counter.record(hit("203.0.113.8"));
        assertThat(counter.daily(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 12))).containsExactly(
                new DailyCount(LocalDate.of(2026, 3, 8), 0, 0, 0),
                new DailyCount(LocalDate.of(2026, 3, 9), 1, 1, 0),
                new DailyCount(LocalDate.of(2026, 3, 10), 0, 0, 0),
                new DailyCount(LocalDate.of(2026, 3, 11), 2, 2, 1),
                new DailyCount(LocalDate.of(2026, 3, 12), 0, 0, 0));
        assertThatThrownBy(() -> counter.daily(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-03-08");
        assertThat(counter.daily(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))).hasSize(366);
        assertThatThrownBy(() -> counter.daily(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("366");
    }

    @Test
    void topArticlesMergesStoredAndUnflushedViews() {
        for (int v = 0; v < 5; v++) {
            counter.record(hit("203.0.113." + v).withArticle(1));
        }
        for (int v = 0; v < 3; v++) {
            counter.record(hit("203.0.113." + v).withArticle(2));
        }
        counter.flush();
        for (int v = 10; v < 14; v++) {
            counter.record(hit("203.0.113." + v).withArticle(3));
        }
        counter.record(hit("203.0.113.20").withArticle(2));
        LocalDate today = LocalDate.of(2026, 3, 9);
        assertThat(counter.topArticles(today, today, 2))
                .containsExactly(new ArticleViews(1, 5), new ArticleViews(2, 4));
        assertThat(counter.topArticles(today, today, 10))
                .containsExactly(new ArticleViews(1, 5), new ArticleViews(2, 4), new ArticleViews(3, 4));
        assertThat(counter.topArticles(today.plusDays(1), today.plusDays(1), 10)).isEmpty();
        assertThatThrownBy(() -> counter.topArticles(today, today, 0)).hasMessageContaining("limit");
    }

    @Test
    void statsDoNotChangeAcrossAFlush() {
        counter.setBaseline(100);
        for (int i = 0; i < 20; i++) {
            counter.record(hit("203.0.113." + i).withArticle(1 + i % 3));
        }
        counter.record(Hit.of("1.1.1.1", UserAgents.GOOGLEBOT, "/"));
        VisitStats before = counter.stats();
        Map<Long, Long> viewsBefore = counter.views(List.of(1L, 2L, 3L));
        counter.flush();
        assertThat(counter.stats()).isEqualTo(before);
        assertThat(counter.views(List.of(1L, 2L, 3L))).isEqualTo(viewsBefore);
        counter.flush();
        assertThat(counter.stats()).isEqualTo(before);
    }

    @Test
    void recordAfterCloseIsRejected() {
        counter.close();
        counter.close();
        assertThatThrownBy(() -> counter.record(hit("203.0.113.7"))).isInstanceOf(IllegalStateException.class);
    }
}
