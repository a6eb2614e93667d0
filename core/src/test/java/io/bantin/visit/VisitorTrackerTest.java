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

    private ActiveVisitor saved(long key, long minutesAgo, int articles) {
        Instant last = clock.instant().minus(Duration.ofMinutes(minutesAgo));
        List<Long> ids = java.util.stream.LongStream.rangeClosed(1, articles).boxed().toList();
        return new ActiveVisitor(key, last, last, ids);
    }

    @Test
    void aRestartRestoresTheMostRecentVisitorsUntilTheirWeightFillsTheCap() {
        VisitorTracker t = tracker(10, null);
        // Weights: 1 + articles / 4. Oldest first in the saved window, to be restored newest first.
        t.restore(List.of(saved(1, 20, 0), saved(2, 15, 8), saved(3, 10, 11), saved(4, 5, 12), saved(5, 1, 3)),
                clock.millis());
        // 5 (weight 1) + 4 (4) + 3 (3) = 8; 2 (3) would make 11 > 10; 1 (1) is older than 2: not taken either.
        assertThat(t.size()).isEqualTo(3);
        for (long key = 1; key <= 5; key++) {
            t.adopt(key, clock.millis());
        }
        assertThat(List.of(t.knows(1), t.knows(2), t.knows(3), t.knows(4), t.knows(5)))
                .containsExactly(false, false, true, true, true);

        VisitorTracker exact = tracker(8, null);
        exact.restore(List.of(saved(3, 10, 11), saved(4, 5, 12), saved(5, 1, 3)), clock.millis());
        assertThat(exact.size()).as("a window that fills the cap exactly is restored whole").isEqualTo(3);
    }

    @Test
    void aSavedVisitorIsRestoredWhileRememberedAndNotAfter() {
        VisitorTracker t = tracker(100, null);
        long now = clock.millis();
        Instant justRemembered = Instant.ofEpochMilli(now - 30 * MINUTE + 1);
        Instant forgotten = Instant.ofEpochMilli(now - 30 * MINUTE);
        Instant fromTheFuture = Instant.ofEpochMilli(now + 1);
        t.restore(List.of(new ActiveVisitor(1, justRemembered, justRemembered, List.of()),
                new ActiveVisitor(2, forgotten, forgotten, List.of()),
                new ActiveVisitor(3, fromTheFuture, fromTheFuture, List.of())), now);
        assertThat(t.size()).isEqualTo(1);
        t.adopt(1, now);
        assertThat(t.knows(1)).isTrue();
    }

    @Test
    void aRestoredVisitorIsAdoptedOnlyWhileStillRemembered() {
        VisitorTracker t = tracker(100, null);
        long now = clock.millis();
        t.restore(List.of(saved(1, 2, 0), saved(2, 2, 0)), now);
        long last = now - 2 * MINUTE;
        t.adopt(1, last + 30 * MINUTE - 1);
        assertThat(t.knows(1)).isTrue();
        t.adopt(2, last + 30 * MINUTE);
        assertThat(t.knows(2)).isFalse();
        t.pruneRestored(last + 30 * MINUTE);
        assertThat(t.size()).as("the restored one left, expired").isEqualTo(1);
    }

    @Test
    void aRestoredVisitorNoHitAdoptedYetCanBeCarriedOverToTheNewDay() {
        VisitorTracker t = tracker(100, null);
        long now = clock.millis();
        t.restore(List.of(saved(1, 2, 1)), now);
        Visitor carried = t.take(1, now);
        assertThat(carried).isNotNull();
        assertThat(t.track(2, now, now - 60 * MINUTE, 1, carried, ip)).as("their visit and article go on").isZero();
        assertThat(t.online(now)).isEqualTo(1);
    }

    @Test
    void aCarriedOverVisitorsVisitEndsExactlyAtTheTimeout() {
        VisitorTracker t = tracker(100, null);
        long now = clock.millis();
        long dayStart = now - 60 * MINUTE;
        t.track(1, now, dayStart, 0, null, ip);
        t.track(3, now, dayStart, 0, null, ip);
        Visitor justInTime = t.take(1, now);
        Visitor late = t.take(3, now);
        assertThat(t.track(2, now + 30 * MINUTE - 1, dayStart, 0, justInTime, ip)).isZero();
        assertThat(t.track(4, now + 30 * MINUTE, dayStart, 0, late, ip)).isEqualTo(VisitorTracker.NEW_VISIT);
        assertThat(t.online(now + 30 * MINUTE)).isEqualTo(2);
    }

    @Test
    void visitorsAreForgottenOnceRememberedLongEnough() {
        VisitorTracker t = tracker(1_000, null);
        for (long k = 1; k <= 20; k++) {
            t.track(k, clock.millis(), 0, 0, null, ip);
        }
        clock.advance(Duration.ofMinutes(31));
        t.track(100, clock.millis(), 0, 0, null, ip);
        assertThat(t.knows(1)).isFalse();
        assertThat(t.size()).as("memory does not keep what the rules no longer need").isEqualTo(1);
        assertThat(t.dropped()).as("expiring is not dropping for the cap").isZero();
    }
}
