package io.bantin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How an application using bantin tests its counting: its own fake clock, only the public API, no
 * sleeping. (The application under test here is imaginary; the counter is real.)
 */
class CounterFakeClockTest {

    /** The smallest clock a test needs: it stands still until the test moves it. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(String start) {
            this.now = Instant.parse(start);
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed");
        }
    }

    private static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    // 23:50 on Monday 9 March 2026 in Hanoi.
    private final TestClock clock = new TestClock("2026-03-09T16:50:00Z");
    private final VisitCounter counter = VisitCounter.builder().clock(clock).build();

    @AfterEach
    void tearDown() {
        counter.close();
    }

    @Test
    void aReaderWhoStaysPastMidnightIsOneOnlineVisitorWithAVisitOnEachDay() {
        Hit page = Hit.of("203.0.113.50", BROWSER, "/tin-tuc/thong-bao").withArticle(3);
        assertThat(counter.record(page)).isEqualTo(HitOutcome.NEW_VISIT);
        clock.advance(Duration.ofMinutes(12)); // 00:02 on Tuesday
        assertThat(counter.record(page)).isEqualTo(HitOutcome.NEW_VISIT);

        VisitStats stats = counter.stats();
        assertThat(stats.online()).isEqualTo(1);
        assertThat(stats.today()).isEqualTo(1);
        assertThat(stats.yesterday()).isEqualTo(1);
        assertThat(stats.thisWeek()).isEqualTo(2);
        assertThat(counter.views(3)).isEqualTo(2);
    }

    @Test
    void refreshingDoesNotInflateViewsAndQuietReadersLeaveTheOnlineCount() {
        Hit page = Hit.of("198.51.100.4", BROWSER, "/tin-tuc/thong-bao").withArticle(3);
        counter.record(page);
        clock.advance(Duration.ofSeconds(20));
        assertThat(counter.record(page)).isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.views(3)).isEqualTo(1);
        assertThat(counter.stats().pageViewsToday()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        assertThat(counter.stats().online()).isZero();
        assertThat(counter.stats().today()).isEqualTo(1);
    }
}
