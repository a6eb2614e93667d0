package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Beyond maxTrackedVisitors the counter forgets visitors instead of growing. */
class CapTest {

    @Test
    void visitorsBeyondTheCapAreForgottenAndOnlineStaysExact() {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(1_000).build();
        for (int v = 0; v < 5_000; v++) {
            counter.record(Hit.of("10.0." + (v >> 8) + "." + (v & 0xff), UserAgents.CHROME_WINDOWS, "/"));
            clock.advanceMillis(10);
        }
        CounterMetrics m = counter.metrics();
        assertThat(m.trackedVisitors()).isLessThanOrEqualTo(1_000);
        assertThat(m.droppedVisitors()).isEqualTo(5_000 - m.trackedVisitors());
        assertThat(counter.stats().today()).as("every first hit was a visit").isEqualTo(5_000);
        assertThat(counter.stats().online()).as("online counts exactly the visitors still known")
                .isEqualTo(counter.metrics().trackedVisitors());

        int again = 0;
        for (int v = 0; v < 5_000; v++) {
            if (counter.record(Hit.of("10.0." + (v >> 8) + "." + (v & 0xff), UserAgents.CHROME_WINDOWS, "/x"))
                    == HitOutcome.NEW_VISIT) {
                again++;
            }
        }
        assertThat(again).as("forgotten visitors start a new visit").isPositive();
        assertThat(counter.stats().today()).isEqualTo(5_000 + again);
        assertThat(counter.stats().online()).isEqualTo(counter.metrics().trackedVisitors());
        assertThat(counter.metrics().trackedVisitors()).isLessThanOrEqualTo(1_000);
        counter.close();
    }

    @Test
    void visitorsWhoViewManyArticlesTakeMoreOfTheCap() {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(1_000).build();
        // Each reader views 100 articles: 1 + 100 / 4 = 26 units of the cap, about 1 KB.
        for (int v = 0; v < 200; v++) {
            Hit hit = Hit.of("10.1." + (v >> 8) + "." + (v & 0xff), UserAgents.CHROME_WINDOWS, "/");
            for (long article = 1; article <= 100; article++) {
                counter.record(hit.withArticle(article));
            }
            clock.advanceMillis(10);
        }
        CounterMetrics m = counter.metrics();
        assertThat(m.trackedVisitors()).as("bounded by weight, not by count").isLessThanOrEqualTo(1_000 / 26 + 1);
        assertThat(m.droppedVisitors()).isEqualTo(200 - m.trackedVisitors());
        assertThat(counter.stats().online()).isEqualTo(m.trackedVisitors());
        assertThat(counter.stats().today()).isEqualTo(200);
        assertThat(counter.views(1)).as("every reader's views counted before being forgotten").isEqualTo(200);
        counter.close();
    }
}
