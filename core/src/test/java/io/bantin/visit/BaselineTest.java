package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void aSetValueIsPendingUntilPersistedAndWinsOverAReloadTillThen() {
        Baseline b = new Baseline(10);
        assertThat(b.pending().value()).isEmpty();
        b.set(10);
        assertThat(b.pending().value()).as("the same value again").isEmpty();
        b.set(20);
        Baseline.Pending p = b.pending();
        assertThat(p.value()).isEqualTo(OptionalLong.of(20));
        b.reloaded(99);
        assertThat(b.get()).as("not yet written: kept").isEqualTo(20);
        b.persisted(p.version());
        assertThat(b.pending().value()).isEmpty();
        b.reloaded(99);
        assertThat(b.get()).isEqualTo(99);
    }

    @Test
    void aStoredValueOutOfRangeIsClamped() {
        assertThat(new Baseline(-5).get()).isZero();
        assertThat(new Baseline(Long.MAX_VALUE).get()).isEqualTo(VisitCounter.MAX_BASELINE);
    }
}
