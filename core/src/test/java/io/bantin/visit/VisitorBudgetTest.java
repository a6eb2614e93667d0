package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One client network creates at most the budget of new visitors per hour; everyone else is unaffected. */
class VisitorBudgetTest {

    private static final int BUDGET = 20;
    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private VisitCounter counter;

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close();
        }
    }

    private VisitCounter counter(int budget) {
        counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).visitorBudget(budget).build();
        return counter;
    }

    /** A browser that no two calls share: a new visitor from the same address each time. */
    private static String browser(int n) {
        return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0."
                + n + ".0 Safari/537.36";
    }

    @Test
    void anAddressThatSpentItsBudgetCreatesNoMoreVisitorsButItsHitsArePageViews() {
        VisitCounter c = counter(BUDGET);
        int overBudget = 0;
        for (int i = 0; i < 100; i++) {
            HitOutcome outcome = c.record(Hit.of("203.0.113.7", browser(i), "/articles/a").withArticle(7));
            if (outcome == HitOutcome.OVER_BUDGET) {
                overBudget++;
            } else {
                assertThat(outcome).isEqualTo(HitOutcome.NEW_VISIT);
            }
        }
        VisitStats s = c.stats();
        assertThat(overBudget).isEqualTo(100 - BUDGET);
        assertThat(s.today()).isEqualTo(BUDGET);
        assertThat(s.online()).isEqualTo(BUDGET);
        assertThat(s.total()).isEqualTo(BUDGET);
        assertThat(s.pageViewsToday()).as("every hit is a page view").isEqualTo(100);
        assertThat(c.views(7)).as("article views only from visitors within the budget").isEqualTo(BUDGET);
        assertThat(c.metrics().overBudgetHits()).isEqualTo(100 - BUDGET);
        assertThat(c.metrics().overBudgetHitsToday()).isEqualTo(100 - BUDGET);
        assertThat(c.metrics().trackedVisitors()).isEqualTo(BUDGET);
    }

    @Test
    void visitorsAlreadyKnownKeepCountingAfterTheBudgetIsSpent() {
        VisitCounter c = counter(BUDGET);
        for (int i = 0; i < BUDGET; i++) {
            c.record(Hit.of("203.0.113.7", browser(i), "/"));
        }
        assertThat(c.record(Hit.of("203.0.113.7", browser(999), "/"))).isEqualTo(HitOutcome.OVER_BUDGET);
        assertThat(c.record(Hit.of("203.0.113.7", browser(3), "/articles/b").withArticle(8)))
                .isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(c.views(8)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(29));
        assertThat(c.record(Hit.of("203.0.113.7", browser(4), "/"))).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(c.stats().today()).isEqualTo(BUDGET);
        assertThat(c.stats().online()).as("the over-budget hit is nobody online").isEqualTo(1);
    }

    @Test
    void otherAddressesAreUnaffected() {
        VisitCounter c = counter(BUDGET);
        for (int i = 0; i < 200; i++) {
            c.record(Hit.of("203.0.113.7", browser(i), "/"));
        }
        for (int a = 0; a < 500; a++) {
            assertThat(c.record(Hit.of("198.51." + (a >> 8) + "." + (a & 0xff), browser(a), "/")))
                    .isEqualTo(HitOutcome.NEW_VISIT);
        }
        assertThat(c.record(Hit.of("203.0.113.8", browser(1), "/")))
                .as("the neighbouring IPv4 address has a budget of its own").isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(c.stats().today()).isEqualTo(BUDGET + 500 + 1);
    }

    @Test
    void theBudgetRefillsAtTheStartOfTheNextHour() {
        VisitCounter c = counter(BUDGET);
        clock.set("2026-03-09T03:59:00Z");
        for (int i = 0; i < BUDGET; i++) {
            c.record(Hit.of("203.0.113.7", browser(i), "/"));
        }
        clock.set("2026-03-09T03:59:59.999Z");
        assertThat(c.record(Hit.of("203.0.113.7", browser(100), "/"))).isEqualTo(HitOutcome.OVER_BUDGET);
        clock.set("2026-03-09T04:00:00Z");
        assertThat(c.record(Hit.of("203.0.113.7", browser(101), "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        for (int i = 102; i < 102 + BUDGET - 1; i++) {
            assertThat(c.record(Hit.of("203.0.113.7", browser(i), "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        }
        assertThat(c.record(Hit.of("203.0.113.7", browser(500), "/"))).isEqualTo(HitOutcome.OVER_BUDGET);
        assertThat(c.stats().today()).isEqualTo(2L * BUDGET);
    }

    @Test
    void aBudgetOfZeroCountsEveryNewVisitor() {
        VisitCounter c = counter(0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(c.record(Hit.of("203.0.113.7", browser(i), "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        }
        assertThat(c.stats().today()).isEqualTo(1_000);
        assertThat(c.metrics().overBudgetHits()).isZero();
    }

    @Test
    void oneIpv6Slash64IsOneNetworkAndTheNextSlash64IsAnother() {
        VisitCounter c = counter(BUDGET);
        for (int i = 0; i < BUDGET; i++) {
            // Every visitor on a different address of the same /64, as privacy addresses are.
            assertThat(c.record(Hit.of("2001:db8:1:2:" + Integer.toHexString(i + 1) + "::9", browser(i), "/")))
                    .isEqualTo(HitOutcome.NEW_VISIT);
        }
        assertThat(c.record(Hit.of("2001:db8:1:2:ffff:ffff:ffff:ffff", browser(500), "/")))
                .isEqualTo(HitOutcome.OVER_BUDGET);
        assertThat(c.record(Hit.of("2001:db8:1:3::1", browser(500), "/")))
                .as("the neighbouring /64").isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(c.stats().today()).isEqualTo(BUDGET + 1);
        assertThat(c.stats().online()).isEqualTo(BUDGET + 1);
    }

    @Test
    void hitsWithAVisitorIdCountAgainstTheirAddressToo() {
        VisitCounter c = counter(BUDGET);
        for (int i = 0; i < BUDGET; i++) {
            c.record(Hit.of("203.0.113.7", browser(1), "/").withVisitorId("session-" + i));
        }
        assertThat(c.record(Hit.of("203.0.113.7", browser(1), "/").withVisitorId("session-x")))
                .isEqualTo(HitOutcome.OVER_BUDGET);
    }

    @Test
    void overBudgetHitsTodayStartAgainAtMidnight() {
        VisitCounter c = counter(1);
        c.record(Hit.of("203.0.113.7", browser(1), "/"));
        c.record(Hit.of("203.0.113.7", browser(2), "/"));
        assertThat(c.metrics().overBudgetHitsToday()).isEqualTo(1);
        clock.set("2026-03-09T17:00:00Z"); // midnight in Asia/Ho_Chi_Minh
        assertThat(c.metrics().overBudgetHitsToday()).isZero();
        assertThat(c.metrics().overBudgetHits()).isEqualTo(1);
    }

    @Test
    void aNegativeBudgetIsRefusedByName() {
        assertThatThrownBy(() -> VisitCounter.builder().visitorBudget(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visitorBudget").hasMessageContaining("-1");
    }
}
