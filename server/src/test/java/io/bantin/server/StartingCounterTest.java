package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.spi.VisitStoreException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartingCounterTest {
    private static final Hit HIT = Hit.of("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", "/");

    @Test
    void aCallBeforeTheCounterIsReadyWaitsForItThenGoesStraightThrough() throws Exception {
        CompletableFuture<VisitCounter> opening = new CompletableFuture<>();
        StartingCounter starting = new StartingCounter(opening);
        CompletableFuture<HitOutcome> early = CompletableFuture.supplyAsync(() -> starting.record(HIT));
        Thread.sleep(50); // the call must still be waiting: nothing to count into yet
        assertThat(early).isNotDone();
        assertThat(starting.opened()).isFalse();

        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));
        try (VisitCounter real = VisitCounter.builder().clock(clock).build()) {
            opening.complete(real);
            assertThat(early.get(5, TimeUnit.SECONDS)).isEqualTo(HitOutcome.NEW_VISIT);
            assertThat(starting.opened()).isTrue();
            assertThat(starting.record(HIT)).isEqualTo(HitOutcome.PAGE_VIEW);
            assertThat(starting.stats().today()).isEqualTo(1);
            assertThat(real.stats().today()).isEqualTo(1);
        }
    }

    @Test
    void aCounterThatFailedToOpenFailsEveryCallWithItsOwnError() {
        CompletableFuture<VisitCounter> opening = new CompletableFuture<>();
        opening.completeExceptionally(new VisitStoreException("the visit store could not read the active visitors: disk on fire"));
        StartingCounter starting = new StartingCounter(opening);
        assertThat(starting.opened()).isFalse();
        assertThatThrownBy(() -> starting.record(HIT)).isInstanceOf(VisitStoreException.class).hasMessageContaining("disk on fire");
        assertThatThrownBy(starting::stats).isInstanceOf(VisitStoreException.class);
    }
}
