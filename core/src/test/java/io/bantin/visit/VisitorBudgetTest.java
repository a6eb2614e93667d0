package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** A seeded generator, so the sketch's key and with it every test below is the same on every run. */
    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(14);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final long THREE_AM = Instant.parse("2026-03-09T03:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void theBudgetThVisitorIsAdmittedTheNextRefusedAndTheHourRollsExactlyOnTheHour() {
        VisitorBudget budget = new VisitorBudget(3, THREE_AM, seeded());
        IpAddress ip = IpAddress.parse("203.0.113.7");
        assertThat(budget.tryTake(ip, THREE_AM)).isTrue();
        assertThat(budget.tryTake(ip, THREE_AM + 1)).isTrue();
        assertThat(budget.tryTake(ip, THREE_AM + HOUR - 2)).as("the budget-th").isTrue();
        assertThat(budget.tryTake(ip, THREE_AM + HOUR - 1)).as("the last millisecond of the hour").isFalse();
        assertThat(budget.tryTake(ip, THREE_AM + HOUR)).as("the first millisecond of the next").isTrue();
        assertThat(budget.tryTake(ip, THREE_AM + HOUR + 1)).isTrue();
        assertThat(budget.tryTake(ip, THREE_AM + HOUR + 2)).isTrue();
        assertThat(budget.tryTake(ip, THREE_AM + HOUR + 3)).isFalse();
        assertThat(budget.tryTake(ip, THREE_AM + 5)).as("a clock stepping back gets no second budget").isFalse();
        assertThatThrownBy(() -> new VisitorBudget(0, THREE_AM, seeded())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perHour must be positive, got 0");
    }

    @Test
    void tenThousandNetworksSpendingTheirBudgetLeaveAlmostEveryOtherNetworkItsWholeBudget() {
        // The figure the class promises: 10,000 networks creating 30 visitors each in an hour.
        VisitorBudget budget = new VisitorBudget(30, THREE_AM, seeded());
        int busyAdmitted = 0;
        for (int n = 0; n < 10_000; n++) {
            IpAddress busy = IpAddress.parse("10." + (n >> 8) + "." + (n & 0xff) + ".1");
            for (int v = 0; v < 31; v++) {
                busyAdmitted += budget.tryTake(busy, THREE_AM) ? 1 : 0;
            }
        }
        // Over-estimates only refuse; they never admit a 31st visitor.
        assertThat(busyAdmitted).isLessThanOrEqualTo(10_000 * 30).isGreaterThanOrEqualTo(10_000 * 30 * 995 / 1000);
        int whole = 0;
        int fresh = 2_000;
        for (int n = 0; n < fresh; n++) {
            IpAddress other = IpAddress.parse("2001:db8:" + Integer.toHexString(n) + "::1");
            int admitted = 0;
            while (admitted <= 30 && budget.tryTake(other, THREE_AM)) {
                admitted++;
            }
            assertThat(admitted).isLessThanOrEqualTo(30);
            whole += admitted == 30 ? 1 : 0;
        }
        // A network loses its budget only when all four of its counters are shared with busy ones.
        assertThat(whole).isGreaterThanOrEqualTo(fresh * 995 / 1000);
    }

    @Test
    void concurrentNewVisitorsOfOneNetworkGetExactlyTheBudgetInANewHour() throws Exception {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        int perHour = 3;
        VisitorBudget budget = new VisitorBudget(perHour, THREE_AM, seeded());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 1; round <= 100; round++) {
                // Each round starts a new hour, so all threads may find the hour over and race to roll it.
                long now = THREE_AM + round * HOUR;
                IpAddress ip = IpAddress.parse("203.0.113." + round);
                assertThat(admittedConcurrently(pool, threads, budget, ip, now)).as("round " + round).isEqualTo(perHour);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentNewVisitorsOfOneNetworkGetExactlyTheBudgetWithinAnHour() throws Exception {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        VisitorBudget budget = new VisitorBudget(1, THREE_AM, seeded());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 2_000; round++) {
                IpAddress ip = IpAddress.parse("10." + (round >> 8) + "." + (round & 0xff) + ".1");
                assertThat(admittedConcurrently(pool, threads, budget, ip, THREE_AM)).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int admittedConcurrently(ExecutorService pool, int threads, VisitorBudget budget, IpAddress ip, long now)
            throws Exception {
        // The threads spin until the last of them arrives and starts them all: a barrier or a latch would
        // wake them one by one, microseconds apart, and one thread's check would never meet another's increment.
        AtomicInteger waiting = new AtomicInteger(threads);
        AtomicBoolean go = new AtomicBoolean();
        List<Future<Integer>> admitted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            admitted.add(pool.submit(() -> {
                if (waiting.decrementAndGet() == 0) {
                    go.set(true);
                }
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                int n = 0;
                for (int k = 0; k < 3; k++) {
                    n += budget.tryTake(ip, now) ? 1 : 0;
                }
                return n;
            }));
        }
        int sum = 0;
        for (Future<Integer> f : admitted) {
            sum += f.get();
        }
        return sum;
    }

    @Test
    void aNegativeBudgetIsRefusedByName() {
        assertThatThrownBy(() -> VisitCounter.builder().visitorBudget(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visitorBudget").hasMessageContaining("-1");
    }
}
