package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.VisitDelta;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** "Lượt xem" comes from memory: right after restarts and flushes, for many ids, never a store read. */
class ArticleViewsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 8);
    /** More articles than any bounded cache of them would hold. */
    private static final int ARTICLES = 250_000;

    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private final FlakyStore store = new FlakyStore();

    private VisitCounter open() {
        return VisitCounter.builder().clock(clock).store(store).flushInterval(Duration.ZERO).build();
    }

    private static long history(long id) {
        return id % 7 + 1;
    }

    private static Hit hit(int visitor) {
        return Hit.of("203.0.113." + visitor, UserAgents.FIREFOX_LINUX, "/");
    }

    @Test
    void viewsAreExactAcrossFlushesAndRestartsWithoutReadingTheStore() {
        List<ArticleDayViews> past = new ArrayList<>();
        for (long id = 1; id <= ARTICLES; id++) {
            past.add(new ArticleDayViews(DAY, id, history(id)));
        }
        store.delegate.apply(VisitDelta.builder().articleDays(past).build());
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, ARTICLES).boxed().toList());
        ids.add(9_999_999L); // never viewed

        VisitCounter counter = open();
        store.reads.set(0);
        counter.record(hit(1).withArticle(3));
        counter.record(hit(2).withArticle(3));
        assertThat(counter.views(3)).isEqualTo(history(3) + 2);
        counter.flush();
        assertThat(counter.views(3)).as("after a flush").isEqualTo(history(3) + 2);
        counter.record(hit(3).withArticle(3));
        counter.record(hit(3).withArticle(ARTICLES));
        Map<Long, Long> views = counter.views(ids);
        assertThat(views).hasSize(ids.size());
        for (long id = 1; id <= ARTICLES; id++) {
            long expected = history(id) + (id == 3 ? 3 : id == ARTICLES ? 1 : 0);
            assertThat(views.get(id)).as("article %d", id).isEqualTo(expected);
        }
        assertThat(views.get(9_999_999L)).isZero();
        // Twice, in other orders: nothing loaded earlier may have been dropped meanwhile.
        assertThat(counter.views(ids.subList(0, 1000))).allSatisfy((id, n) -> assertThat(n).isPositive());
        List<Long> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        assertThat(counter.views(reversed)).isEqualTo(views);
        assertThat(store.reads.get()).as("views() reads memory only").isZero();
        counter.close();

        VisitCounter restarted = open();
        store.reads.set(0);
        assertThat(restarted.views(3)).as("after a restart").isEqualTo(history(3) + 3);
        assertThat(restarted.views(ids)).isEqualTo(views);
        restarted.record(hit(4).withArticle(3));
        restarted.flush();
        assertThat(restarted.views(3)).isEqualTo(history(3) + 4);
        assertThat(store.reads.get()).isZero();
        restarted.close();
        assertThat(store.delegate.articleViews(List.of(3L))).containsEntry(3L, history(3) + 4);
    }
}
