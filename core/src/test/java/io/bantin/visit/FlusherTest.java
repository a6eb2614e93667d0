package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The flusher alone, wired to real mechanisms and a store that fails on demand. */
class FlusherTest {

    private final MutableClock clock = MutableClock.at("2026-03-09T10:00:00Z");
    private final LocalDate today = LocalDate.of(2026, 3, 9);
    private final FlakyStore store = new FlakyStore();
    private final List<Duration> waits = new ArrayList<>();
    private final DayBuckets buckets = new DayBuckets();
    private final Baseline baseline = new Baseline(0);
    private final PersistedFigures mirror = new PersistedFigures(buckets, DayOfWeek.MONDAY, Map.of(), 0, Map.of());
    private final VisitorTracker visitors = new VisitorTracker(clock, 300_000, 1_800_000, 1_000, null, 0);
    private final DaySalts days = new DaySalts(ZoneOffset.UTC, 1_800_000, new SecureRandom(), store, buckets::forDay,
            mirror::pruneBefore);
    private final Flusher flusher;

    FlusherTest() {
        days.restore(List.of(), clock.millis(), today);
        flusher = flusherWithInterval(Duration.ZERO);
    }

    /** A flusher whose schedule is not started: a test ticks it as the scheduler would. */
    private Flusher flusherWithInterval(Duration interval) {
        CounterSettings settings = new CounterSettings(clock, ZoneOffset.UTC, 300_000, 1_800_000, DayOfWeek.MONDAY,
                interval, 1_000, 0, store, List.of(), BotRules.standard(), waits::add, Set.of(), true);
        return new Flusher(settings, 1_800_000, 42, 0, clock.millis(), buckets, mirror, baseline, visitors, days);
    }

    /**
     * Ticks {@code flusher} every {@code tickMillis} of the fake clock for {@code forMillis}, and returns
     * the waits between the store writes it attempted (the first one counts from the start).
     */
    private List<Long> attemptGaps(Flusher flusher, long tickMillis, long forMillis) {
        List<Long> gaps = new ArrayList<>();
        long last = clock.millis();
        for (long t = 0; t < forMillis; t += tickMillis) {
            clock.advanceMillis(tickMillis);
            int before = store.attempts.get();
            flusher.backgroundFlush();
            if (store.attempts.get() != before) {
                gaps.add(clock.millis() - last);
                last = clock.millis();
            }
        }
        return gaps;
    }

    @Test
    void failedBackgroundFlushesBackOffDoublingFromTheIntervalUpToFiveMinutesAndSuccessResetsIt() {
        Flusher scheduled = flusherWithInterval(Duration.ofSeconds(1));
        visit(1);
        store.failAll.set(true);
        // Ticks each second, as the schedule does: the first attempt fails at once, then the waits double.
        assertThat(attemptGaps(scheduled, 1_000, 1_712_000)).containsExactly(1_000L,
                1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L, 256_000L,
                300_000L, 300_000L, 300_000L, 300_000L);
        assertThat(scheduled.failureStreak()).isEqualTo(14);
        assertThat(scheduled.failedFlushes()).isEqualTo(14);

        store.failAll.set(false);
        assertThat(attemptGaps(scheduled, 1_000, 300_000)).as("the next retry comes after the ceiling")
                .containsExactly(300_000L);
        assertThat(store.delegate.totalVisits()).isEqualTo(1);
        assertThat(scheduled.failureStreak()).isZero();

        visit(2);
        store.failAll.set(true);
        assertThat(attemptGaps(scheduled, 1_000, 8_000)).as("after a success the backoff starts over")
                .containsExactly(1_000L, 1_000L, 2_000L, 4_000L);
    }

    @Test
    void aShortIntervalBacksOffFromATenthOfASecondAtLeast() {
        Flusher scheduled = flusherWithInterval(Duration.ofMillis(10));
        visit(1);
        store.failAll.set(true);
        assertThat(attemptGaps(scheduled, 10, 1_600)).containsExactly(10L, 100L, 200L, 400L, 800L);
    }

    @Test
    void aClosedFlusherIgnoresTheSchedule() {
        Flusher scheduled = flusherWithInterval(Duration.ofSeconds(1));
        assertThat(scheduled.close()).isNull();
        int before = store.attempts.get();
        visit(1);
        assertThat(attemptGaps(scheduled, 1_000, 5_000)).isEmpty();
        assertThat(store.attempts.get()).isEqualTo(before);
    }

    private void visit(long key) {
        DaySalts.DayState s = days.current(clock.millis());
        visitors.track(key, clock.millis(), s.start, 0, null, IpAddress.parse("203.0.113.1"));
        s.bucket.pageViews.increment();
        s.bucket.visits.increment();
    }

    @Test
    void aFlushWhoseCommitWentUnreportedIsConfirmedWithTheStoreAndNeverWrittenTwice() {
        visit(1);
        store.commitThenFailNext.set(1);
        assertThatThrownBy(flusher::flush).isInstanceOf(VisitStoreException.class);
        assertThat(flusher.failureStreak()).isEqualTo(1);
        visit(2);
        flusher.flush();
        assertThat(store.delegate.totalVisits()).isEqualTo(2);
        assertThat(store.delegate.appliedSequence(42)).isEqualTo(2);
        assertThat(buckets.get(today.toEpochDay()).visits.sum()).isZero();
        assertThat(List.of(flusher.flushes(), flusher.failedFlushes(), flusher.failureStreak())).containsExactly(2L, 1L, 0L);
    }

    @Test
    void aFailedWriteKeepsTheAmountsForTheNextFlushUnderANewNumber() {
        visit(1);
        store.failNext.set(1);
        assertThatThrownBy(flusher::flush).isInstanceOf(VisitStoreException.class);
        assertThat(store.delegate.totalVisits()).isZero();
        flusher.flush();
        assertThat(store.delegate.totalVisits()).isEqualTo(1);
        assertThat(store.delegate.appliedSequence(42)).isEqualTo(2);
        assertThat(store.delegate.loadWindow().orElseThrow().visitors()).hasSize(1);
    }

    @Test
    void theFirstFlushWritesTheSaltsAndTheBaselineOnlyWhenTheyChanged() {
        flusher.flush();
        assertThat(store.delegate.loadWindow().orElseThrow().salts()).extracting(s -> s.day()).contains(today);
        long written = store.applied.get();
        flusher.flush();
        assertThat(store.applied.get()).as("nothing new: nothing written").isEqualTo(written);
        baseline.set(500);
        flusher.flush();
        assertThat(store.delegate.baseline()).isEqualTo(500);
        assertThat(baseline.pending().value()).isEmpty();
    }

    @Test
    void closeRetriesTheFinalFlushWithDoublingWaitsAndReportsTheLastFailure() {
        visit(1);
        store.failAll.set(true);
        RuntimeException failure = flusher.close();
        assertThat(failure).isInstanceOf(VisitStoreException.class);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
        store.failAll.set(false);
        assertThat(flusher.close()).isNull();
        assertThat(store.delegate.totalVisits()).isEqualTo(1);
    }

    private List<Long> storedKeys() {
        return store.delegate.loadWindow().orElseThrow().visitors().stream().map(v -> v.key()).sorted().toList();
    }

    @Test
    void expiredVisitorsLeaveTheStoredWindowWithinAMinuteAndTheScanRunsOnceAMinute() {
        visit(1);
        flusher.flush();
        List<Long> first = storedKeys();
        assertThat(first).hasSize(1);
        clock.set("2026-03-09T10:30:00Z");
        visit(2);
        flusher.flush(); // deletes before 10:00:00; the first visitor's last hit is 10:00:00
        assertThat(storedKeys()).hasSize(2).containsAll(first);
        clock.set("2026-03-09T10:30:59.999Z");
        visit(3);
        flusher.flush();
        assertThat(storedKeys()).as("no scan until a minute after the last").hasSize(3).containsAll(first);
        clock.set("2026-03-09T10:31:00Z");
        visit(4);
        flusher.flush();
        assertThat(storedKeys()).as("expired for a minute: deleted; the others stay").hasSize(3)
                .doesNotContainAnyElementsOf(first);
    }

    @Test
    void aFlushReportsWhenItLastSucceededAndHowLongItsWriteTook() {
        assertThat(flusher.lastSuccessfulFlush()).isNull();
        visit(1);
        clock.advance(Duration.ofSeconds(3));
        long before = System.nanoTime();
        flusher.flush();
        long elapsed = System.nanoTime() - before;
        assertThat(flusher.lastSuccessfulFlush()).isEqualTo(clock.instant());
        assertThat(flusher.lastFlushDuration()).isBetween(Duration.ZERO, Duration.ofNanos(elapsed));
        store.failNext.set(1);
        visit(2);
        clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(flusher::flush).isInstanceOf(VisitStoreException.class);
        assertThat(flusher.lastSuccessfulFlush()).as("a failure leaves it").isEqualTo(clock.instant().minusSeconds(3));
    }

    @Test
    void flushedDaysBucketsAreDroppedOnceTheDayBeforeYesterdayIsPast() {
        visit(1);
        flusher.flush();
        assertThat(buckets.get(today.toEpochDay())).isNotNull();
        clock.set("2026-03-10T10:00:00Z");
        visit(2);
        flusher.flush();
        assertThat(buckets.get(today.toEpochDay())).as("yesterday's is kept").isNotNull();
        clock.set("2026-03-11T10:00:00Z");
        visit(3);
        flusher.flush();
        assertThat(buckets.get(today.toEpochDay())).isNull();
        assertThat(buckets.get(today.plusDays(1).toEpochDay())).isNotNull();
    }

    @Test
    void eachDaysFlushAgreesTheNextDaysSaltWithTheStore() {
        clock.set("2026-03-10T10:00:00Z");
        visit(1);
        flusher.flush();
        VisitorSalt proposed = VisitorSalt.fromWords(today.plusDays(2), 1, 2);
        assertThat(store.delegate.agreeSalt(proposed)).as("already agreed by the flush").isNotEqualTo(proposed);
    }

    @Test
    void readingUnderTheStoreLockReleasesItForFlushesOfOtherThreads() throws Exception {
        assertThat(flusher.withStore(() -> "read")).isEqualTo("read");
        visit(1);
        CompletableFuture.runAsync(flusher::flush).get(10, TimeUnit.SECONDS);
        assertThat(store.delegate.totalVisits()).isEqualTo(1);
    }

    @Test
    void anInterruptedCloseStopsRetryingAndKeepsTheInterrupt() {
        Flusher interrupted = new Flusher(new CounterSettings(clock, ZoneOffset.UTC, 300_000, 1_800_000,
                DayOfWeek.MONDAY, Duration.ZERO, 1_000, 0, store, List.of(), BotRules.standard(),
                d -> { throw new InterruptedException(); }, Set.of(), true),
                1_800_000, 42, 0, clock.millis(), buckets, mirror, baseline, visitors, days);
        visit(1);
        store.failAll.set(true);
        try {
            assertThat(interrupted.close()).isInstanceOf(VisitStoreException.class);
            assertThat(store.attempts.get()).as("one attempt, no retries after the interrupt").isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
