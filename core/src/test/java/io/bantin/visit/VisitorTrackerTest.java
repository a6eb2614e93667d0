package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.VisitDelta;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorTrackerTest {

    private static final long MINUTE = 60_000;
    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private final IpAddress ip = IpAddress.parse("203.0.113.9");

    private VisitorTracker tracker(int cap, VisitorBudget budget) {
        return new VisitorTracker(clock, 5 * MINUTE, 30 * MINUTE, cap, budget, 0);
    }

    @Test
    void aVisitStartsOnTheFirstHitAfterTheTimeoutOrAtTheDayStartAndAnArticleCountsOncePerVisit() {
        VisitorTracker t = tracker(100, null);
        long now = clock.millis();
        long dayStart = now - 60 * MINUTE;
        assertThat(t.track(1, now, dayStart, 7, null, ip)).isEqualTo(VisitorTracker.NEW_VISIT | VisitorTracker.ARTICLE_COUNTED);
        assertThat(t.track(1, now + MINUTE, dayStart, 7, null, ip)).isZero();
        assertThat(t.track(1, now + 2 * MINUTE, dayStart, 8, null, ip)).isEqualTo(VisitorTracker.ARTICLE_COUNTED);
        assertThat(t.online(now + 2 * MINUTE)).isEqualTo(1);
        assertThat(t.online(now + 8 * MINUTE)).isZero();
        assertThat(t.track(1, now + 33 * MINUTE, dayStart, 7, null, ip))
                .isEqualTo(VisitorTracker.NEW_VISIT | VisitorTracker.ARTICLE_COUNTED);
        assertThat(t.track(1, now + 34 * MINUTE, now + 34 * MINUTE, 0, null, ip)).as("a new day").isEqualTo(VisitorTracker.NEW_VISIT);
        assertThat(t.track(1, now + 20 * MINUTE, now - 60 * MINUTE, 0, null, ip)).as("an older hit applied late").isZero();
    }

    @Test
    void aCarriedOverVisitorContinuesTheirVisitUnderTheNewKey() {
        VisitorTracker t = tracker(100, null);
        long now = clock.millis();
        t.track(1, now, now - MINUTE, 7, null, ip);
        Visitor old = t.take(1, now + MINUTE);
        assertThat(t.knows(1)).isFalse();
        assertThat(t.track(2, now + MINUTE, now - MINUTE, 7, old, ip)).as("same visit, article already seen").isZero();
        assertThat(t.online(now + MINUTE)).isEqualTo(1);
    }

    @Test
    void theBudgetRefusesOnlyNewVisitorsBeyondIt() {
        VisitorTracker t = tracker(100, new VisitorBudget(2, clock.millis(), new SecureRandom()));
        long now = clock.millis();
        assertThat(t.track(1, now, 0, 0, null, ip)).isEqualTo(VisitorTracker.NEW_VISIT);
        assertThat(t.track(2, now, 0, 0, null, ip)).isEqualTo(VisitorTracker.NEW_VISIT);
        assertThat(t.track(3, now, 0, 0, null, ip)).isEqualTo(VisitorTracker.OVER_BUDGET);
        assertThat(t.track(1, now + 1, 0, 0, null, ip)).as("a known visitor").isZero();
        assertThat(t.knows(3)).isFalse();
    }

    @Test
    void restoredVisitorsAreOnlineAtOnceAdoptedByTheirNextHitAndWrittenWhenChanged() {
        VisitorTracker t = tracker(100, null);
        Instant last = clock.instant().minus(Duration.ofMinutes(2));
        t.restore(List.of(new ActiveVisitor(9, last, last.minus(Duration.ofMinutes(5)), List.of(7L)),
                new ActiveVisitor(10, clock.instant().minus(Duration.ofHours(1)), clock.instant().minus(Duration.ofHours(1)), List.of())),
                clock.millis());
        assertThat(t.size()).as("the expired one is not restored").isEqualTo(1);
        assertThat(t.online(clock.millis())).isEqualTo(1);
        t.adopt(9, clock.millis());
        assertThat(t.track(9, clock.millis(), 0, 7, null, ip)).as("the open visit, its article seen").isZero();
        VisitDelta.Builder delta = VisitDelta.builder();
        assertThat(t.changedSince(clock.millis(), delta)).isEqualTo(1);
        assertThat(delta.build().visitors()).extracting(ActiveVisitor::key).containsExactly(9L);
    }

    @Test
    void theCapDropsVisitorsAndCountsThem() {
        VisitorTracker t = tracker(10, null);
        for (long k = 1; k <= 50; k++) {
            t.track(k, clock.millis(), 0, 0, null, ip);
        }
        assertThat(t.size()).isLessThanOrEqualTo(10);
        assertThat(t.dropped()).isEqualTo(50 - t.size());
        assertThat(t.online(clock.millis())).isEqualTo(t.size());
    }
}
