package io.bantin.visit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    void aDeltaHoldsItsVisitorsAsColumnsWhetherGivenAsRowsOrAsRecordsAndCopiesTheRecords() {
        VisitDelta compact = VisitDelta.builder().visitor(42, 2_000, 1_000, new long[] {7}).visitor(43, 3_000, 3_000, null)
                .build();
        List<ActiveVisitor> plain = new ArrayList<>(compact.visitors());
        VisitDelta copied = VisitDelta.builder().visitors(plain).build();
        plain.clear();
        List<ActiveVisitor> expected = List.of(
                new ActiveVisitor(42, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(1_000), List.of(7L)),
                new ActiveVisitor(43, Instant.ofEpochMilli(3_000), Instant.ofEpochMilli(3_000), List.of()));
        assertThat(compact.visitors()).isInstanceOf(VisitorColumns.class).containsExactlyElementsOf(expected);
        assertThat(copied.visitors()).isInstanceOf(VisitorColumns.class).containsExactlyElementsOf(expected);
        assertThatThrownBy(() -> compact.visitors().add(expected.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSequenceNeedsAWriterAndAPositiveNumber() {
        assertThatThrownBy(() -> VisitDelta.builder().sequence(0, 1)).hasMessageContaining("writer");
        assertThatThrownBy(() -> VisitDelta.builder().sequence(5, 0)).hasMessageContaining("sequence");
        VisitDelta d = VisitDelta.builder().sequence(5, 2).build();
        assertThat(List.of(d.writer(), d.sequence())).containsExactly(5L, 2L);
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void aSaltsOpaqueFormRoundTripsAndItsKeyStaysOutOfItsText() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 9);
        VisitorSalt salt = VisitorSalt.fromWords(day, 0x1234_5678_9abc_def0L, -2);
        assertThat(VisitorSalt.fromBytes(day, salt.toBytes())).isEqualTo(salt).hasSameHashCodeAs(salt);
        assertThat(salt.toWords()).containsExactly(0x1234_5678_9abc_def0L, -2);
        assertThat(salt).isNotEqualTo(VisitorSalt.fromWords(day, 0x1234_5678_9abc_def0L, -3))
                .isNotEqualTo(VisitorSalt.fromWords(day.plusDays(1), 0x1234_5678_9abc_def0L, -2));
        assertThat(salt.toString()).contains("2026-03-09", "redacted").doesNotContain("1234", "-2");
        assertThatThrownBy(() -> VisitorSalt.fromBytes(day, new byte[15])).hasMessageContaining("16 bytes");
    }
}
