package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two counters on one store, as two processes behind a load balancer on one database: after their
 * flushes each shows what both counted, and a restart finds one agreed salt.
 */
class SharedStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private final InMemoryVisitStore store = new InMemoryVisitStore();
    private final VisitCounter first = counter();
    private final VisitCounter second = counter();

    private VisitCounter counter() {
        return VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private static Hit reader(int n) {
        return Hit.of("203.0.113." + n, UserAgents.CHROME_WINDOWS, "/");
    }

    @Test
    void eachCounterShowsWhatBothCountedOnceBothFlushed() {
        first.record(reader(1).withArticle(7));
        first.record(reader(2).withArticle(7));
        first.flush();
        second.record(reader(3).withArticle(7));
        assertThat(second.stats().today()).as("before its flush: what the store held at its start, and its own")
                .isEqualTo(1);
        second.flush();
        assertThat(second.stats().today()).isEqualTo(3);
        assertThat(second.views(7)).isEqualTo(3);
        assertThat(first.stats().today()).as("the other's visits arrive with the next flush").isEqualTo(2);
        first.flush();
        assertThat(first.stats().today()).isEqualTo(3);
        assertThat(first.stats().total()).isEqualTo(3);
        assertThat(first.views(7)).isEqualTo(3);
        assertThat(first.daily(DAY, DAY)).containsExactly(new DailyCount(DAY, 3, 3, 0));

        first.setBaseline(1_000);
        first.flush();
        second.flush();
        assertThat(second.stats().total()).as("a baseline set on one process").isEqualTo(1_003);
        assertThat(second.baseline()).isEqualTo(1_000);
    }

    @Test
    void aCounterWithNothingToWriteStillLoadsWhatTheOtherWrote() {
        first.record(reader(1).withArticle(7));
        first.flush();
        first.record(reader(2).withArticle(8));
        first.flush();
        assertThat(first.stats().today()).isEqualTo(2);
        assertThat(first.views(List.of(7L, 8L))).containsEntry(7L, 1L).containsEntry(8L, 1L);
        second.flush();
        assertThat(second.stats().today()).as("an idle counter's flush loads them").isEqualTo(2);
        assertThat(second.views(8)).isEqualTo(1);
    }

    @Test
    void oneReaderSeenByBothCountersHasOneKeyInTheStoredWindow() {
        first.record(reader(1));
        second.record(reader(1).withArticle(4));
        first.flush();
        second.flush();
        assertThat(store.loadWindow().orElseThrow().visitors()).as("one salt agreed for the day").hasSize(1);
    }
}
