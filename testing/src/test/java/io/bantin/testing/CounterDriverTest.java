package io.bantin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CounterDriverTest {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    private final MutableClock clock = MutableClock.at("2026-03-09T01:00:00Z");
    private final VisitCounter counter = VisitCounter.builder().clock(clock).zone(HANOI).build();
    private final CounterDriver driver = new CounterDriver(counter, clock, HANOI);

    @AfterEach
    void close() throws Exception {
        counter.close();
    }

    @Test
    void readersBecomeExactlyTheVisitsAndPageViewsAskedFor() {
        driver.startOf(LocalDate.of(2026, 3, 9));
        driver.at(LocalTime.of(8, 0));

        driver.readers(100, 3, Duration.ofHours(8));

        VisitStats stats = counter.stats();
        assertThat(stats.today()).isEqualTo(100);
        assertThat(stats.pageViewsToday()).isEqualTo(300);
        assertThat(driver.outcomes(HitOutcome.NEW_VISIT)).isEqualTo(100);
        assertThat(driver.outcomes(HitOutcome.PAGE_VIEW)).isEqualTo(200);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-09T09:00:00Z")); // 16:00 in Hanoi
    }

    @Test
    void theNextMidnightInTheSitesZoneTurnsTodayIntoYesterday() {
        driver.startOf(LocalDate.of(2026, 3, 9));
        driver.at(LocalTime.of(23, 0));
        driver.readers(40, 1, Duration.ofMinutes(50));

        driver.nextMidnight();

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));
        VisitStats stats = counter.stats();
        assertThat(stats.today()).isZero();
        assertThat(stats.yesterday()).isEqualTo(40);
    }

    @Test
    void readersOfLaterCallsAreNewVisitorsToo() {
        driver.startOf(LocalDate.of(2026, 3, 9));
        driver.readers(10, 1, Duration.ZERO);
        driver.readers(10, 1, Duration.ZERO);

        assertThat(counter.stats().today()).isEqualTo(20);
    }

    @Test
    void badCountsAreRefusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> driver.readers(-1, 1, Duration.ZERO))
                .withMessageContaining("readers");
        assertThatIllegalArgumentException().isThrownBy(() -> driver.readers(1, 0, Duration.ZERO))
                .withMessageContaining("pagesEach");
        assertThatIllegalArgumentException().isThrownBy(() -> driver.readers(1, 1, Duration.ofSeconds(-1)))
                .withMessageContaining("spread");
        assertThatIllegalArgumentException().isThrownBy(() -> CounterDriver.address(CounterDriver.MAX_READERS))
                .withMessageContaining("n must be");
    }

    @Test
    void addressesAreDistinctAndStayInTheBenchmarkingRange() {
        assertThat(CounterDriver.address(0)).isEqualTo("198.18.0.0");
        assertThat(CounterDriver.address(257)).isEqualTo("198.18.1.1");
        assertThat(CounterDriver.address(CounterDriver.MAX_READERS - 1)).isEqualTo("198.19.255.255");
    }

    @Test
    void aClockInAnotherZoneMovesWithTheOriginal() {
        MutableClock hanoi = clock.withZone(HANOI);
        clock.advance(Duration.ofHours(1));

        assertThat(hanoi.instant()).isEqualTo(clock.instant());
        assertThat(hanoi.getZone()).isEqualTo(HANOI);
        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }
}
