package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without a configured cap, the counter holds as many visitors as a quarter of the heap fits. */
class VisitorCapTest {

    @Test
    void theDefaultCapIsAQuarterOfTheHeapByThePeakBytesOfAUnit() {
        long heap96m = 97_320_960; // Runtime.maxMemory() under -Xmx96m -XX:+UseSerialGC
        assertThat(VisitorCap.forHeap(heap96m)).isEqualTo((int) (heap96m / 4 / VisitorCap.BYTES_PER_UNIT));
        assertThat((long) VisitorCap.forHeap(heap96m) * VisitorCap.BYTES_PER_UNIT).isLessThanOrEqualTo(heap96m / 4);
        assertThat(VisitorCap.forHeap(2 * heap96m)).isGreaterThan(VisitorCap.forHeap(heap96m));
    }

    @Test
    void tinyAndUnlimitedHeapsStayWithinBounds() {
        assertThat(VisitorCap.forHeap(1 << 20)).isEqualTo(VisitorCap.MIN_CAP);
        assertThat(VisitorCap.forHeap(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aCounterBuiltWithoutACapTakesTheOneOfThisHeap() {
        try (VisitCounter counter = VisitCounter.builder().flushInterval(Duration.ZERO).build()) {
            assertThat(counter.metrics().maxTrackedVisitors())
                    .isEqualTo(VisitorCap.forHeap(Runtime.getRuntime().maxMemory()));
        }
        try (VisitCounter counter = VisitCounter.builder().flushInterval(Duration.ZERO).maxTrackedVisitors(1234).build()) {
            assertThat(counter.metrics().maxTrackedVisitors()).isEqualTo(1234);
        }
    }
}
