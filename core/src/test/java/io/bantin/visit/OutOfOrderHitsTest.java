package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hits of one visitor applied out of clock order (racing threads, a clock step back). */
class OutOfOrderHitsTest {

    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00.001Z");
    private final VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO).build();
    private final Hit hit = Hit.of("203.0.113.7", UserAgents.CHROME_WINDOWS, "/");

    @AfterEach
    void close() {
        counter.close();
    }

    @Test
    void anOlderHitAppliedLateKeepsTheVisitorOnlineExactlyOnce() {
        counter.record(hit);
        clock.set("2026-03-09T03:00:00.000Z");
        counter.record(hit);
        assertThat(counter.stats().online()).isEqualTo(1);
        clock.set("2026-03-09T03:05:00.000Z");
        assertThat(counter.stats().online()).as("the later hit, 4:59.999 ago, is still online").isEqualTo(1);
        clock.set("2026-03-09T03:05:00.001Z");
        assertThat(counter.stats().online()).isZero();
    }

    @Test
    void anOlderHitAppliedLateNeitherStartsNorShortensAVisit() {
        clock.set("2026-03-09T03:00:00.000Z");
        counter.record(hit);
        clock.set("2026-03-09T03:29:00.000Z");
        assertThat(counter.record(hit)).isEqualTo(HitOutcome.PAGE_VIEW);
        clock.set("2026-03-09T03:00:00.500Z");
        assertThat(counter.record(hit.withArticle(5))).as("late, older hit").isEqualTo(HitOutcome.PAGE_VIEW);
        // The timeout runs from the latest hit (03:29), not from the late one.
        clock.set("2026-03-09T03:58:59.999Z");
        assertThat(counter.record(hit.withArticle(5))).isEqualTo(HitOutcome.PAGE_VIEW);
        VisitStats s = counter.stats();
        assertThat(s.today()).isEqualTo(1);
        assertThat(s.pageViewsToday()).isEqualTo(4);
        assertThat(s.online()).isEqualTo(1);
        assertThat(counter.views(5)).as("one view per visit").isEqualTo(1);
        clock.set("2026-03-09T04:03:59.999Z");
        assertThat(counter.stats().online()).isZero();
    }
}
