package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VisitorColumnsTest {

    @Test
    void readsBackEveryRowAsARecordAndGrowsPastItsFirstSize() {
        VisitorColumns columns = new VisitorColumns(1);
        List<ActiveVisitor> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long[] viewed = i % 3 == 0 ? null : new long[] {i, i + 1000L};
            columns.add(-i * 7919L, 1_000_000L + i, 900_000L + i, viewed);
            expected.add(new ActiveVisitor(-i * 7919L, Instant.ofEpochMilli(1_000_000L + i),
                    Instant.ofEpochMilli(900_000L + i), viewed == null ? List.of() : List.of((long) i, i + 1000L)));
        }
        assertThat(columns).hasSize(100).containsExactlyElementsOf(expected);
        assertThatThrownBy(() -> columns.get(100)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aDeltaKeepsTheColumnsAsTheyAreAndCopiesAnyOtherList() {
        VisitorColumns columns = new VisitorColumns(4);
        columns.add(42, 2_000, 1_000, new long[] {7});
        VisitDelta delta = new VisitDelta(List.of(), List.of(), OptionalLong.empty(), List.of(), columns, Instant.EPOCH);
        assertThat(delta.visitors()).isSameAs(columns);
        List<ActiveVisitor> plain = new ArrayList<>(columns);
        VisitDelta copied = new VisitDelta(List.of(), List.of(), OptionalLong.empty(), List.of(), plain, Instant.EPOCH);
        plain.clear();
        assertThat(copied.visitors()).containsExactly(
                new ActiveVisitor(42, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(1_000), List.of(7L)));
    }
}
