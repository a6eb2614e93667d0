package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Figures saturate instead of wrapping: a store edited by hand must never show a negative count. */
class SaturatingTest {

    @Test
    void countsAddExactlyUntilTheyWouldOverflowAndThenStayAtTheLargestValue() {
        assertThat(Saturating.add(0, 0)).isZero();
        assertThat(Saturating.add(2, 3)).isEqualTo(5);
        assertThat(Saturating.add(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE / 2 + 1)).isEqualTo(Long.MAX_VALUE);
    }
}
