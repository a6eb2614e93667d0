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

    @Test
    void aVisitCountsAtMost256DistinctArticlesAndAScraperStaysOneBoundedVisitor() {
        MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
        InMemoryVisitStore store = new InMemoryVisitStore();
        // A cap of 100 units: a visitor remembering all of 1,000 articles would weigh 251 and be
        // dropped; remembering at most 256 they weigh 65 and stay, one open visit.
        VisitCounter counter = VisitCounter.builder().clock(clock).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(100).store(store).build();
        Hit scraper = Hit.of("203.0.113.9", UserAgents.CHROME_WINDOWS, "/");
        for (long article = 1; article <= 1_000; article++) {
            counter.record(scraper.withArticle(article));
            clock.advanceMillis(100);
        }
        assertThat(counter.views(256)).as("the 256th distinct article counts").isEqualTo(1);
        assertThat(counter.views(257)).as("the 257th and later ones do not").isZero();
        assertThat(counter.views(1_000)).isZero();
        assertThat(counter.record(scraper.withArticle(1))).as("still the same visit").isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(counter.views(1)).as("an article already viewed in the visit counts once").isEqualTo(1);
        VisitStats stats = counter.stats();
        assertThat(stats.today()).as("one visit, never dropped for its weight").isEqualTo(1);
        assertThat(stats.pageViewsToday()).as("every hit is a page view").isEqualTo(1_001);
        assertThat(counter.metrics().droppedVisitors()).isZero();
        assertThat(counter.metrics().trackedVisitors()).isEqualTo(1);
        counter.flush();
        assertThat(store.loadWindow().orElseThrow().visitors()).singleElement()
                .satisfies(v -> assertThat(v.viewedArticles()).as("what is remembered is bounded")
                        .hasSize(256).startsWith(1L, 2L).endsWith(256L));

        clock.advance(Duration.ofMinutes(30));
        assertThat(counter.record(scraper.withArticle(900))).isEqualTo(HitOutcome.NEW_VISIT);
        assertThat(counter.views(900)).as("a new visit starts a new allowance").isEqualTo(1);
        counter.close();
    }
}
