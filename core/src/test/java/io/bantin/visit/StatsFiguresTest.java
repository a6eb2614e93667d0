package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.VisitStoreException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The week, month and total figures of {@link VisitCounter#stats()} at the moments their stored
 * part changes: flushes, local midnight, the site's week start, the first of the month, a new
 * baseline, a restart, and days a failing store left unflushed. Each check is made twice in a row
 * and also right after the event, so a figure remembered from before the event would show.
 */
class StatsFiguresTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private final MutableClock clock = MutableClock.at("2026-03-11T03:00:00Z");
    private final FlakyStore store = new FlakyStore();
    private final List<VisitCounter> counters = new ArrayList<>();
    private int nextVisitor;

    @AfterEach
    void closeAll() {
        store.failAll.set(false);
        counters.forEach(VisitCounter::close);
    }

    private VisitCounter counter() {
        return counter(DayOfWeek.MONDAY);
    }

    private VisitCounter counter(DayOfWeek firstDayOfWeek) {
        VisitCounter c = VisitCounter.builder().clock(clock).zone(ZONE).store(store).firstDayOfWeek(firstDayOfWeek)
                .flushInterval(Duration.ZERO).build();
        counters.add(c);
        return c;
    }

    /** Sets the clock to a site-local time. */
    private void at(String localDateTime) {
        clock.set(LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant().toString());
    }

    /** Records {@code n} visits of visitors never seen before. */
    private void visits(VisitCounter counter, int n) {
        for (int i = 0; i < n; i++) {
            int v = nextVisitor++;
            assertThat(counter.record(Hit.of("10.1." + (v >> 8) + "." + (v & 0xff), UserAgents.CHROME_WINDOWS, "/")))
                    .isEqualTo(HitOutcome.NEW_VISIT);
        }
    }

    /** Asserts the five day-based figures and the total, twice, so a cached read is checked too. */
    private static void assertFigures(VisitCounter counter, long today, long yesterday, long week, long month, long total) {
        for (int read = 0; read < 2; read++) {
            VisitStats s = counter.stats();
            assertThat(new long[] {s.today(), s.yesterday(), s.thisWeek(), s.thisMonth(), s.total()})
                    .as("today, yesterday, week, month, total (read %d)", read + 1)
                    .containsExactly(today, yesterday, week, month, total);
        }
    }

    @Test
    void flushesMoveVisitsToTheStoreWithoutChangingAnyFigure() {
        VisitCounter counter = counter();
        visits(counter, 3);
        VisitStats before = counter.stats();
        assertFigures(counter, 3, 0, 3, 3, 3);
        counter.flush();
        assertThat(counter.stats()).isEqualTo(before);

        visits(counter, 2);
        counter.record(Hit.of("10.1.0.0", UserAgents.CHROME_WINDOWS, "/again")); // a page view, not a visit
        assertFigures(counter, 5, 0, 5, 5, 5);
        assertThat(counter.stats().pageViewsToday()).isEqualTo(6);
        before = counter.stats();
        counter.flush();
        assertThat(counter.stats()).isEqualTo(before);
        counter.flush(); // nothing new
        assertThat(counter.stats()).isEqualTo(before);
        assertThat(store.delegate.totalVisits()).isEqualTo(5);
    }

    @Test
    void localMidnightMovesTodayToYesterdayWithYesterdaysHitsStillUnflushed() {
        at("2026-03-10T23:58:00");
        VisitCounter counter = counter();
        visits(counter, 3);
        counter.flush();
        visits(counter, 2); // not flushed before midnight
        assertFigures(counter, 5, 0, 5, 5, 5);

        at("2026-03-10T23:59:59.999");
        assertFigures(counter, 5, 0, 5, 5, 5);
        at("2026-03-11T00:00");
        assertFigures(counter, 0, 5, 5, 5, 5);
        assertThat(counter.stats().online()).isEqualTo(5);
        assertThat(counter.stats().pageViewsToday()).isZero();

        visits(counter, 1);
        assertThat(counter.record(Hit.of("10.1.0.0", UserAgents.CHROME_WINDOWS, "/"))).isEqualTo(HitOutcome.NEW_VISIT);
        assertFigures(counter, 2, 5, 7, 7, 7);
        assertThat(counter.stats().online()).as("the visitor back after midnight is still one visitor").isEqualTo(6);

        VisitStats before = counter.stats();
        counter.flush(); // yesterday's two unflushed visits and today's two, in one write
        assertThat(counter.stats()).isEqualTo(before);
        assertThat(store.delegate.daily(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11)))
                .containsExactly(new DailyCount(LocalDate.of(2026, 3, 10), 5, 5, 0),
                        new DailyCount(LocalDate.of(2026, 3, 11), 2, 2, 0));
    }

    @Test
    void daysAFailingStoreLeftUnflushedCountInWeekMonthAndTotalUntilWritten() {
        at("2026-03-09T10:00"); // a Monday
        VisitCounter counter = counter();
        visits(counter, 1);
        counter.flush();
        store.failAll.set(true);
        visits(counter, 2);
        at("2026-03-10T10:00");
        visits(counter, 3);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
        at("2026-03-11T10:00");
        visits(counter, 4);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
        at("2026-03-12T10:00");
        visits(counter, 5);
        assertFigures(counter, 5, 4, 15, 15, 15);

        at("2026-03-16T10:00"); // the next Monday: the unflushed days leave the week, not the month
        assertFigures(counter, 0, 0, 0, 15, 15);
        visits(counter, 6);
        assertFigures(counter, 6, 0, 6, 21, 21);

        store.failAll.set(false);
        VisitStats before = counter.stats();
        counter.flush();
        assertThat(counter.stats()).isEqualTo(before);
        counter.flush(); // now the emptied buckets of past days are dropped
        assertThat(counter.stats()).isEqualTo(before);
        visits(counter, 1);
        assertFigures(counter, 7, 0, 7, 22, 22);
    }

    @ParameterizedTest(name = "week from {0}, flushed daily: {1}")
    @CsvSource({
        "MONDAY,   true,  1, 3, 7, 8",
        "MONDAY,   false, 1, 3, 7, 8",
        "SUNDAY,   true,  1, 3, 4, 12",
        "SUNDAY,   false, 1, 3, 4, 12",
        "SATURDAY, true,  1, 2, 6, 14",
        "SATURDAY, false, 1, 2, 6, 14",
    })
    void thisWeekStartsOnTheSitesFirstDayOfWeek(DayOfWeek first, boolean flushDaily,
                                                long friday, long saturday, long sunday, long monday) {
        // Friday 6 March 2026 has 1 visit, Saturday 2, Sunday 4, Monday 9 March 8: each sum names its days.
        at("2026-03-06T00:00");
        VisitCounter counter = counter(first);
        long[] expectedWeek = {friday, saturday, sunday, monday};
        long[] expectedYesterday = {0, 1, 2, 4};
        long total = 0;
        for (int day = 0; day < 4; day++) {
            at("2026-03-0" + (6 + day) + "T00:00");
            long carried = day == 0 ? 0 : expectedWeek[day] - (1L << day);
            assertFigures(counter, 0, expectedYesterday[day], carried, total, total);
            at("2026-03-0" + (6 + day) + "T10:00");
            visits(counter, 1 << day);
            total += 1L << day;
            if (flushDaily) {
                counter.flush();
            }
            assertFigures(counter, 1L << day, expectedYesterday[day], expectedWeek[day], total, total);
            at("2026-03-0" + (6 + day) + "T23:59:59.999");
            assertFigures(counter, 1L << day, expectedYesterday[day], expectedWeek[day], total, total);
        }
    }

    @ParameterizedTest(name = "flushed daily: {0}")
    @ValueSource(booleans = {true, false})
    void thisMonthStartsOnTheFirst(boolean flushDaily) {
        at("2026-03-30T10:00"); // a Monday
        VisitCounter counter = counter();
        visits(counter, 1);
        if (flushDaily) {
            counter.flush();
        }
        at("2026-03-31T10:00");
        visits(counter, 2);
        if (flushDaily) {
            counter.flush();
        }
        at("2026-03-31T23:59:59.999");
        assertFigures(counter, 2, 1, 3, 3, 3);
        at("2026-04-01T00:00");
        assertFigures(counter, 0, 2, 3, 0, 3);
        visits(counter, 4);
        assertFigures(counter, 4, 2, 7, 4, 7);
        VisitStats before = counter.stats();
        counter.flush();
        assertThat(counter.stats()).isEqualTo(before);
    }

    @Test
    void aNewBaselineChangesTheTotalAtOnce() {
        VisitCounter counter = counter();
        visits(counter, 2);
        counter.flush();
        visits(counter, 1);
        assertFigures(counter, 3, 0, 3, 3, 3);
        counter.setBaseline(722_158);
        assertFigures(counter, 3, 0, 3, 3, 722_161);
        counter.flush();
        assertFigures(counter, 3, 0, 3, 3, 722_161);
        counter.setBaseline(10);
        assertFigures(counter, 3, 0, 3, 3, 13);
    }

    @Test
    void aRestartReadsTheSameFiguresBackFromTheStore() {
        at("2026-03-27T10:00"); // a Friday, to run across a week start and a month end
        VisitCounter counter = counter();
        counter.setBaseline(1_000);
        for (int day = 0; day < 6; day++) {
            visits(counter, 1 + day);
            counter.flush();
            visits(counter, 1); // left for close() to write
            clock.advance(Duration.ofDays(1));
        }
        // Thursday 2 April, 10:00: 5 + 6 + 7 visits since Monday 30 March, 7 since the 1st.
        assertFigures(counter, 0, 7, 18, 7, 1_027);
        VisitStats before = counter.stats();
        counter.close();

        VisitCounter restarted = counter();
        assertThat(restarted.stats()).isEqualTo(before);
        visits(restarted, 2);
        assertFigures(restarted, 2, 7, 20, 9, 1_029);
        at("2026-04-03T00:00");
        assertFigures(restarted, 0, 2, 20, 9, 1_029);
    }

    @Test
    void readersNeverSeeAFlushedDeltaTwiceOrNotAtAll() throws Exception {
        VisitCounter counter = counter();
        int hits = 3_000;
        AtomicLong recorded = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < hits; i++) {
                        counter.record(Hit.of("10.2." + (i >> 8) + "." + (i & 0xff), UserAgents.CHROME_WINDOWS, "/"));
                        recorded.incrementAndGet();
                        if (i % 5 == 0) {
                            counter.flush();
                        }
                    }
                } finally {
                    // Also when recording fails: the readers must not spin on after the test has failed.
                    done.set(true);
                }
                return null;
            });
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    long reads = 0;
                    long last = 0;
                    while (!done.get()) {
                        long from = recorded.get();
                        VisitStats s = counter.stats();
                        long to = recorded.get();
                        // One hit may be counted but not yet marked recorded.
                        assertThat(s.total()).isBetween(Math.max(from, last), to + 1);
                        assertThat(new long[] {s.today(), s.thisWeek(), s.thisMonth()}).containsOnly(s.total());
                        // A hit adds its page view just before its visit.
                        assertThat(s.pageViewsToday()).isBetween(s.total(), s.total() + 1);
                        last = s.total();
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get();
            for (Future<Long> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertFigures(counter, hits, 0, hits, hits, hits);
    }
}
