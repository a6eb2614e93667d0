package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTallyTest {

    private static Map<String, Long> counts(ValueTally tally) {
        Map<String, Long> m = new HashMap<>();
        tally.forEachPositive(m::put);
        return m;
    }

    @Test
    void newValuesBeyondTheCapCountAsOtherAndAFlushDoesNotMakeRoom() {
        ValueTally tally = new ValueTally(2);
        tally.add("a.vn");
        tally.add("b.vn");
        tally.add("a.vn");
        tally.add("c.vn");
        assertThat(counts(tally)).containsOnly(Map.entry("a.vn", 2L), Map.entry("b.vn", 1L), Map.entry(Dimension.OTHER, 1L));
        tally.subtract(counts(tally));
        assertThat(tally.isEmpty()).isTrue();
        tally.add("d.vn");
        tally.add("b.vn");
        assertThat(counts(tally)).as("the flushed values still fill the day")
                .containsOnly(Map.entry(Dimension.OTHER, 1L), Map.entry("b.vn", 1L));
        assertThat(tally.distinctValues()).isEqualTo(3);
    }

    @Test
    void anySequenceOfValuesKeepsEveryVisitAndAtMostTheCapPlusOtherValues() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 400)).ofSizeBetween(0, 2_000), integers().between(1, 50))
                .checkAssert((values, cap) -> {
                    ValueTally tally = new ValueTally(cap);
                    values.forEach(v -> tally.add("h" + v + ".vn"));
                    Map<String, Long> counted = counts(tally);
                    assertThat(counted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(values.size());
                    assertThat(tally.distinctValues()).isLessThanOrEqualTo(cap + 1);
                    // The first cap distinct values are kept as they are.
                    values.stream().distinct().limit(cap).forEach(v -> assertThat(counted).containsKey("h" + v + ".vn"));
                });
    }
}
