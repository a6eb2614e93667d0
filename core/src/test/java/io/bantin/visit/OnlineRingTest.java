package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OnlineRingTest {

    private static final long T = 1_773_025_200_123L; // some instant with a millisecond part

    @Test
    void countsHitsStrictlyInsideTheWindowToTheMillisecond() {
        OnlineRing ring = new OnlineRing(5_000);
        ring.add(T);
        assertThat(ring.count(T)).isEqualTo(1);
        ring.add(T + 400);
        assertThat(ring.count(T + 400)).isEqualTo(2);
        assertThat(ring.count(T + 4_999)).isEqualTo(2);
        assertThat(ring.count(T + 5_000)).isEqualTo(1);
        assertThat(ring.count(T + 5_399)).isEqualTo(1);
        assertThat(ring.count(T + 5_400)).isZero();
    }

    @Test
    void movingAndRemovingKeepOneEntryPerVisitor() {
        OnlineRing ring = new OnlineRing(60_000);
        ring.add(T);
        ring.move(T, T + 30_000);
        ring.move(T + 30_000, T + 30_000);
        assertThat(ring.count(T + 30_000)).isEqualTo(1);
        ring.remove(T + 30_000);
        assertThat(ring.count(T + 30_000)).isZero();
    }

    @Test
    void aVisitorMovedByAnotherThreadIsCountedOnce() throws Exception {
        OnlineRing ring = new OnlineRing(60_000, 4);
        ring.add(T);
        Thread other = new Thread(() -> ring.move(T, T + 1_000));
        other.start();
        other.join();
        assertThat(ring.count(T + 1_000)).isEqualTo(1);
        assertThat(ring.count(T + 60_999)).isEqualTo(1);
        assertThat(ring.count(T + 61_000)).isZero();
    }

    @Test
    void slotsFromEarlierLapsAreIgnoredAndRecycled() {
        OnlineRing ring = new OnlineRing(2_000); // a ring of 4 seconds
        ring.add(T);
        ring.add(T + 4_000); // same slots, next lap
        assertThat(ring.count(T + 4_000)).isEqualTo(1);
        ring.remove(T - 4_000); // older than the ring: ignored
        assertThat(ring.count(T + 4_000)).isEqualTo(1);
        ring.add(T - 4_000); // older than the ring: ignored
        assertThat(ring.count(T + 4_000)).isEqualTo(1);
        assertThat(ring.count(T + 1_000_000)).isZero();
    }
}
