package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.VisitStoreException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreFailureTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private final FlakyStore store = new FlakyStore();

    private static Hit hit(int v) {
        return Hit.of("203.0.113." + v, UserAgents.FIREFOX_LINUX, "/");
    }

    @Test
    void failedFlushesKeepTheDeltasAndApplyThemExactlyOnce() {
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        counter.setBaseline(50);
        counter.record(hit(1).withArticle(7));
        counter.flush();
        counter.record(hit(2).withArticle(7));
        store.failNext.set(3);
        VisitStats before = counter.stats();
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("locked");
        assertThat(counter.stats()).isEqualTo(before);
        counter.record(hit(3).withArticle(7));
        counter.setBaseline(60);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
        clock.advance(Duration.ofDays(1));
        counter.record(hit(3).withArticle(8));
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
        assertThat(counter.metrics().failedFlushes()).isEqualTo(3);
        assertThat(counter.metrics().failureStreak()).isEqualTo(3);
        VisitStats beforeRecovery = counter.stats();

        counter.flush();
        assertThat(counter.stats()).isEqualTo(beforeRecovery);
        assertThat(counter.metrics().failureStreak()).isZero();
        assertThat(counter.metrics().flushes()).isEqualTo(2);
        assertThat(store.delegate.totalVisits()).isEqualTo(4);
        assertThat(store.delegate.baseline()).isEqualTo(60);
        assertThat(store.delegate.daily(DAY, DAY.plusDays(1))).containsExactly(
                new DailyCount(DAY, 3, 3, 0), new DailyCount(DAY.plusDays(1), 1, 1, 0));
        assertThat(store.delegate.articleViews(List.of(7L, 8L))).isEqualTo(Map.of(7L, 3L, 8L, 1L));
        counter.flush();
        assertThat(store.applied.get()).isEqualTo(2);
        counter.close();
    }

    @Test
    void recordKeepsWorkingWhileTheBackgroundFlusherFailsAndCloseWritesEverything() throws Exception {
        store.failAll.set(true);
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ofMillis(10)).build();
        for (int v = 0; v < 200; v++) {
            assertThat(counter.record(hit(v % 250))).isEqualTo(HitOutcome.NEW_VISIT);
        }
        // The flusher runs on its own schedule; wait (bounded) until it has failed at least once.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counter.metrics().failedFlushes() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(counter.metrics().failedFlushes()).isPositive();
        assertThat(counter.stats().today()).isEqualTo(200);
        store.failAll.set(false);
        counter.close();
        assertThat(store.delegate.totalVisits()).isEqualTo(200);
        assertThat(counter.metrics().failureStreak()).isZero();
    }

    @Test
    void aFlushCommittedButReportedAsFailedIsAppliedExactlyOnce() {
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        counter.setBaseline(5);
        counter.record(hit(1).withArticle(7));
        counter.record(hit(2).withArticle(7));
        store.commitThenFailNext.set(1);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("after commit");
        assertThat(store.delegate.totalVisits()).as("the store did commit").isEqualTo(2);
        counter.record(hit(3).withArticle(7));
        counter.flush();
        counter.flush();
        assertThat(store.delegate.totalVisits()).isEqualTo(3);
        assertThat(store.delegate.daily(DAY, DAY)).containsExactly(new DailyCount(DAY, 3, 3, 0));
        assertThat(store.delegate.articleViews(List.of(7L))).isEqualTo(Map.of(7L, 3L));
        assertThat(counter.stats().today()).isEqualTo(3);
        assertThat(counter.stats().total()).isEqualTo(8);
        assertThat(counter.views(7)).isEqualTo(3);
        counter.close();

        VisitCounter restarted = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        assertThat(restarted.stats().today()).isEqualTo(3);
        assertThat(restarted.stats().total()).isEqualTo(8);
        assertThat(restarted.views(7)).isEqualTo(3);
        restarted.close();
    }

    @Test
    void aFlushThatReallyFailedIsCarriedByTheNextOne() {
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        counter.record(hit(1).withArticle(7));
        store.failNext.set(1);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
        counter.record(hit(2).withArticle(7));
        counter.flush();
        assertThat(store.delegate.totalVisits()).isEqualTo(2);
        assertThat(store.delegate.articleViews(List.of(7L))).isEqualTo(Map.of(7L, 2L));
        assertThat(counter.views(7)).isEqualTo(2);
        counter.close();
    }

    @Test
    void whenConfirmingACommittedFlushFailsNothingIsLostOrCountedTwiceAndTheNextFlushRecovers() {
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        counter.record(hit(1).withArticle(7));
        counter.record(hit(2).withArticle(7));
        store.commitThenFailNext.set(1);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("after commit");
        counter.record(hit(3).withArticle(7));
        store.failConfirmNext.set(1);
        int written = store.applied.get();
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class)
                .hasMessageContaining("confirming");
        assertThat(store.applied.get()).as("nothing is written while the last flush is unconfirmed").isEqualTo(written);
        assertThat(counter.metrics().failedFlushes()).isEqualTo(2);
        assertThat(counter.metrics().failureStreak()).isEqualTo(2);
        assertThat(counter.stats().today()).as("each visit shown once meanwhile").isEqualTo(3);
        assertThat(counter.views(7)).isEqualTo(3);

        counter.flush();
        assertThat(counter.metrics().failureStreak()).isZero();
        assertThat(store.delegate.totalVisits()).isEqualTo(3);
        assertThat(store.delegate.daily(DAY, DAY)).containsExactly(new DailyCount(DAY, 3, 3, 0));
        assertThat(store.delegate.articleViews(List.of(7L))).isEqualTo(Map.of(7L, 3L));
        assertThat(counter.stats().today()).isEqualTo(3);
        assertThat(counter.views(7)).isEqualTo(3);
        counter.flush();
        assertThat(store.delegate.totalVisits()).as("a later flush writes nothing again").isEqualTo(3);
        counter.close();

        VisitCounter restarted = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        assertThat(restarted.stats().today()).isEqualTo(3);
        assertThat(restarted.views(7)).isEqualTo(3);
        restarted.close();
    }

    @Test
    void whenConfirmingAFlushThatNeverCommittedFailsTheNextFlushStillCarriesIt() {
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        counter.record(hit(1).withArticle(7));
        store.failNext.set(1);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("locked");
        store.failConfirmNext.set(2);
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("confirming");
        counter.record(hit(2).withArticle(7));
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("confirming");
        assertThat(store.delegate.totalVisits()).isZero();
        assertThat(counter.stats().today()).isEqualTo(2);

        counter.flush();
        assertThat(store.delegate.totalVisits()).isEqualTo(2);
        assertThat(store.delegate.articleViews(List.of(7L))).isEqualTo(Map.of(7L, 2L));
        assertThat(counter.stats().today()).isEqualTo(2);
        assertThat(counter.views(7)).isEqualTo(2);
        assertThat(counter.metrics().failedFlushes()).isEqualTo(3);
        assertThat(counter.metrics().flushes()).isEqualTo(1);
        counter.close();
    }

    /** Records the waits instead of waiting. */
    private final List<Duration> sleeps = new ArrayList<>();

    private VisitCounter counterWithFakeSleeper() {
        return VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO)
                .sleeper(sleeps::add).build();
    }

    @Test
    void closeReportsAFailedFinalFlushAfterBoundedRetries() {
        VisitCounter counter = counterWithFakeSleeper();
        counter.record(hit(1));
        store.failAll.set(true);
        assertThatThrownBy(counter::close).isInstanceOf(VisitStoreException.class)
                .as("the store's own failure, not a wrapper").hasMessageContaining("locked");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
        assertThat(counter.metrics().failedFlushes()).isEqualTo(5);
    }

    @Test
    void aRestartWithNothingNewWritesNothing() {
        VisitCounter counter = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        counter.record(hit(1));
        counter.close();
        int written = store.applied.get();
        clock.advance(Duration.ofMinutes(1));
        VisitCounter restarted = VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
        restarted.flush();
        restarted.close();
        assertThat(store.applied.get()).as("the salts it restored are those stored").isEqualTo(written);
    }

    @Test
    void closeRetriesTheFinalFlushSoATransientFailureLosesNothing() {
        VisitCounter counter = counterWithFakeSleeper();
        counter.setBaseline(10);
        counter.record(hit(1).withArticle(7));
        counter.record(hit(2).withArticle(7));
        store.failNext.set(2);
        counter.close();
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(store.delegate.totalVisits()).isEqualTo(2);
        assertThat(store.delegate.baseline()).isEqualTo(10);
        assertThat(store.delegate.daily(DAY, DAY)).containsExactly(new DailyCount(DAY, 2, 2, 0));
        assertThat(store.delegate.articleViews(List.of(7L))).isEqualTo(Map.of(7L, 2L));
        assertThat(store.delegate.loadWindow().orElseThrow().visitors()).hasSize(2);
    }
}
