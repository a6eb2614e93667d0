package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.visit.spi.ActiveVisitor;
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
            b.visitor(k, T0.plusSeconds(k).toEpochMilli(), T0.toEpochMilli(), null);
        }
        return b.build();
    }

    private static List<Long> keys(InMemoryVisitStore store) {
        return store.loadWindow().orElseThrow().visitors().stream().map(ActiveVisitor::key).sorted().toList();
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
    void expiredVisitorsAreForgottenStrictlyBeforeTheGivenInstant() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        store.apply(visitors(1, 4));
        store.apply(VisitDelta.builder().forgetVisitorsBefore(T0.plusSeconds(3)).build());
        assertThat(keys(store)).containsExactly(3L, 4L);
    }

    @Test
    void unsequencedDeltasAreAppliedEveryTime() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        VisitDelta delta = VisitDelta.builder().days(List.of(new DailyCount(DAY, 1, 1, 0))).build();
        store.apply(delta);
        store.apply(delta);
        assertThat(store.totalVisits()).isEqualTo(2);
        assertThat(store.appliedByOthers(7)).isZero();
    }

    @Test
    void aCounterRestoresAtMostItsCapOfTheSavedWindowTheMostRecentFirst() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        store.apply(visitors(1, 5));
        assertThat(store.loadWindow(5).orElseThrow().visitors()).hasSize(5);
        assertThat(store.loadWindow(3).orElseThrow().visitors()).extracting(ActiveVisitor::key)
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
}
