package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.visit.spi.VisitInterval;
import io.bantin.visit.spi.StoreChanges;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitorSalt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory store, a counter's default, promises beyond the store contract (which the
 * testing module runs on it): a bounded saved window, unsequenced deltas, and the window's trimming
 * when a counter restores at most its cap.
 */
class InMemoryStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    private static final Instant T0 = Instant.parse("2026-03-09T03:00:00Z");
    private static final List<VisitorSalt> SALT = List.of(VisitorSalt.fromWords(DAY, 1, 2));

    /** Visitors {@code from..to}, visitor k's last hit k seconds after T0. */
    private static VisitDelta visitors(long from, long to) {
        VisitDelta.Builder b = VisitDelta.builder().salts(SALT);
        for (long k = from; k <= to; k++) {
            b.interval(new VisitInterval(k, DAY, T0.toEpochMilli(), T0.plusSeconds(k).toEpochMilli(), List.of(), List.of()));
        }
        return b.build();
    }

    private static List<Long> keys(InMemoryVisitStore store) {
        return store.loadWindow().orElseThrow().visitors().stream().map(VisitInterval::key).sorted().toList();
    }

    @Test
    void aBoundedStoreKeepsTheMostRecentVisitorsTrimmingInStepsOfAQuarter() {
        InMemoryVisitStore store = new InMemoryVisitStore(4);
        store.apply(visitors(6, 10));
        assertThat(keys(store)).as("up to the bound and a quarter more").containsExactly(6L, 7L, 8L, 9L, 10L);
        store.apply(visitors(1, 1)); // the oldest of all arrives last
        assertThat(keys(store)).as("trimmed to the most recent four").containsExactly(7L, 8L, 9L, 10L);
        assertThatThrownBy(() -> new InMemoryVisitStore(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        InMemoryVisitStore one = new InMemoryVisitStore(1);
        one.apply(visitors(1, 3));
        assertThat(keys(one)).as("a bound of one keeps the latest").containsExactly(3L);
    }

    @Test
    void intervalsOfDaysBeforeTheGivenDayAreForgottenAndThoseOfThatDayKept() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        long dayBefore = T0.minusSeconds(86_400).toEpochMilli();
        store.apply(VisitDelta.builder().salts(SALT)
                .interval(new VisitInterval(1, DAY.minusDays(1), dayBefore, dayBefore, List.of(), List.of())).build());
        store.apply(visitors(2, 3));
        store.apply(VisitDelta.builder().forgetIntervalsBefore(DAY).build());
        assertThat(keys(store)).containsExactly(2L, 3L);
        assertThat(store.totalVisits()).as("forgetting intervals keeps the visits they counted").isEqualTo(3);
    }

    @Test
    void unsequencedDeltasAreAppliedEveryTime() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        VisitDelta delta = VisitDelta.builder().days(List.of(new DailyCount(DAY, 1, 1, 0))).build();
        store.apply(delta);
        store.apply(delta);
        assertThat(store.totalVisits()).isEqualTo(2);
        assertThat(store.changesSince(0, T0).number()).as("every apply advances the change number").isEqualTo(2);
    }

    @Test
    void aCounterRestoresAtMostItsCapOfTheSavedWindowTheMostRecentFirst() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        store.apply(visitors(1, 5));
        assertThat(store.loadWindow(5).orElseThrow().visitors()).hasSize(5);
        assertThat(store.loadWindow(3).orElseThrow().visitors()).extracting(VisitInterval::key)
                .containsExactly(5L, 4L, 3L);
        assertThatThrownBy(() -> store.loadWindow(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void aDeltaReportsWhatItCarries() {
        VisitDelta empty = VisitDelta.builder().build();
        assertThat(empty.isEmpty()).isTrue();
        VisitDelta delta = VisitDelta.builder().baseline(5).salts(SALT).build();
        assertThat(delta.isEmpty()).isFalse();
        assertThat(delta.salts()).isEqualTo(SALT);
        assertThat(delta.baseline()).isEqualTo(OptionalLong.of(5));
        assertThat(VisitDelta.builder().days(List.of(new DailyCount(DAY, 0, 1, 0))).build().isEmpty()).isFalse();
    }

    private static VisitInterval at(long key, LocalDate day, long start, long end) {
        return new VisitInterval(key, day, start, end, List.of(), List.of());
    }

    @Test
    void aBoundedStoreCountsWhatItKeepsSoItTrimsOnlyPastTheBoundAlsoAfterForgettingDays() {
        InMemoryVisitStore store = new InMemoryVisitStore(4);
        store.apply(visitors(6, 10));
        store.apply(visitors(1, 1)); // trimmed to 7..10
        store.apply(visitors(11, 11));
        assertThat(keys(store)).as("five is within the bound and a quarter").containsExactly(7L, 8L, 9L, 10L, 11L);

        InMemoryVisitStore forgetting = new InMemoryVisitStore(4);
        long before = T0.minusSeconds(86_400).toEpochMilli();
        VisitDelta.Builder old = VisitDelta.builder().salts(SALT);
        for (long k = 100; k < 105; k++) {
            old.interval(at(k, DAY.minusDays(1), before, before + k));
        }
        forgetting.apply(old.build());
        forgetting.apply(VisitDelta.builder().forgetIntervalsBefore(DAY).build());
        forgetting.apply(visitors(1, 5));
        assertThat(keys(forgetting)).as("the forgotten day no longer counts towards the bound")
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(forgetting.changesSince(0, T0).lastHits()).as("reading changes after forgetting and trimming")
                .containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aBoundedStoreDropsTheVisitorsWithTheOldestLastHitWhateverTheirKeys() {
        InMemoryVisitStore store = new InMemoryVisitStore(2);
        long t = T0.toEpochMilli();
        store.apply(VisitDelta.builder().salts(SALT).interval(at(900, DAY, t, t + 30))
                .interval(at(5, DAY, t, t + 10)).interval(at(-7, DAY, t, t + 20)).interval(at(42, DAY, t, t + 5)).build());
        assertThat(keys(store)).containsExactly(-7L, 900L);
        store.apply(VisitDelta.builder().interval(at(3, DAY, t + 40, t + 40)).build());
        assertThat(store.changesSince(0, T0).lastHits()).as("the trimmed ones are not read back either")
                .containsOnlyKeys(-7L, 900L, 3L);
    }

    @Test
    void changesSinceTellsWhoseIntervalsChangedAndEndAtOrAfterTheInstantUnlessCarriedOver() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        long t = T0.toEpochMilli();
        store.apply(VisitDelta.builder().interval(at(1, DAY, t - 10, t - 1)).interval(at(2, DAY, t - 10, t))
                .interval(new VisitInterval(3, DAY, t, t + 5, List.of(), List.of(), 33)).interval(at(4, DAY, t, t + 9)).build());
        StoreChanges first = store.changesSince(0, T0);
        assertThat(first.lastHits()).isEqualTo(java.util.Map.of(2L, t, 4L, t + 9));
        store.apply(VisitDelta.builder().interval(at(2, DAY, t + 50, t + 60)).interval(at(4, DAY, t, t + 9)).build());
        assertThat(store.changesSince(first.number(), T0).lastHits()).as("an interval sent again changed nothing")
                .isEqualTo(java.util.Map.of(2L, t + 60));
    }

    @Test
    void onlySaltsOfDaysBeforeTheEarliestGivenAreForgottenAndAStoredDaysSaltIsKept() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        VisitorSalt yesterday = VisitorSalt.fromWords(DAY.minusDays(1), 3, 4);
        store.apply(VisitDelta.builder().salts(List.of(SALT.get(0), yesterday)).build());
        store.apply(VisitDelta.builder().salts(List.of(VisitorSalt.fromWords(DAY, 5, 6))).build());
        assertThat(store.loadWindow().orElseThrow().salts()).containsExactly(SALT.get(0));
    }
}
