package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.ActiveVisitor;
import io.bantin.visit.ArticleDayViews;
import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.VisitDelta;
import io.bantin.visit.VisitStore;
import io.bantin.visit.VisitorSalt;
import io.bantin.visit.WindowSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What every {@link VisitStore} must do; subclasses provide the store. */
abstract class VisitStoreContract {

    static final LocalDate D1 = LocalDate.of(2026, 3, 9);
    static final LocalDate D2 = LocalDate.of(2026, 3, 10);

    abstract VisitStore store();

    @Test
    void anEmptyStoreHasNothing() {
        VisitStore store = store();
        assertThat(store.baseline()).isZero();
        assertThat(store.totalVisits()).isZero();
        assertThat(store.daily(D1, D2)).isEmpty();
        assertThat(store.articleViews(List.of(1L))).isEmpty();
        assertThat(store.articleViews(List.of(), D1, D2)).isEmpty();
        assertThat(store.topArticles(D1, D2, 5)).isEmpty();
        assertThat(store.takeWindow()).isEmpty();
    }

    @Test
    void deltasAddUp() {
        VisitStore store = store();
        store.apply(new VisitDelta(List.of(new DailyCount(D1, 3, 5, 1)),
                List.of(new ArticleDayViews(D1, 7, 2), new ArticleDayViews(D1, 8, 1)), OptionalLong.of(722_158)));
        store.apply(new VisitDelta(List.of(new DailyCount(D1, 1, 1, 0), new DailyCount(D2, 2, 4, 6)),
                List.of(new ArticleDayViews(D1, 7, 1), new ArticleDayViews(D2, 7, 3), new ArticleDayViews(D2, 9, 4)),
                OptionalLong.empty()));
        assertThat(store.baseline()).isEqualTo(722_158);
        assertThat(store.totalVisits()).isEqualTo(6);
        assertThat(store.daily(D1, D2)).containsExactly(new DailyCount(D1, 4, 6, 1), new DailyCount(D2, 2, 4, 6));
        assertThat(store.daily(D2, D2)).containsExactly(new DailyCount(D2, 2, 4, 6));
        assertThat(store.articleViews(List.of(7L, 8L, 9L, 10L))).containsOnly(
                Map.entry(7L, 6L), Map.entry(8L, 1L), Map.entry(9L, 4L));
        assertThat(store.articleViews(List.of(7L, 8L), D2, D2)).containsOnly(Map.entry(7L, 3L));
        assertThat(store.topArticles(D1, D2, 2)).containsExactly(new ArticleViews(7, 6), new ArticleViews(9, 4));
        assertThat(store.topArticles(D1, D1, 5)).containsExactly(new ArticleViews(7, 3), new ArticleViews(8, 1));
        store.apply(new VisitDelta(List.of(), List.of(), OptionalLong.of(5)));
        assertThat(store.baseline()).isEqualTo(5);
    }

    @Test
    void topArticlesBreaksTiesByIdAndHandlesManyIds() {
        VisitStore store = store();
        List<ArticleDayViews> views = LongStream.rangeClosed(1, 1200).mapToObj(id -> new ArticleDayViews(D1, id, 1)).toList();
        store.apply(new VisitDelta(List.of(), views, OptionalLong.empty()));
        assertThat(store.topArticles(D1, D1, 3)).containsExactly(new ArticleViews(1, 1), new ArticleViews(2, 1), new ArticleViews(3, 1));
        assertThat(store.articleViews(LongStream.rangeClosed(1, 1300).boxed().toList())).hasSize(1200);
    }

    @Test
    void theWindowIsRestoredOnce() {
        VisitStore store = store();
        WindowSnapshot snapshot = new WindowSnapshot(Instant.parse("2026-03-09T03:00:00Z"),
                List.of(new VisitorSalt(D2, 1, -2), new VisitorSalt(D1, Long.MIN_VALUE, Long.MAX_VALUE)),
                List.of(new ActiveVisitor(-5, Instant.parse("2026-03-09T03:00:00Z"), Instant.parse("2026-03-09T02:40:00Z"), List.of(3L, 4L)),
                        new ActiveVisitor(6, Instant.parse("2026-03-09T02:59:00Z"), Instant.parse("2026-03-09T02:59:00Z"), List.of())));
        store.saveWindow(snapshot);
        store.saveWindow(snapshot);
        WindowSnapshot back = store.takeWindow().orElseThrow();
        assertThat(back.salts()).containsExactlyInAnyOrderElementsOf(snapshot.salts());
        assertThat(back.visitors()).containsExactlyInAnyOrderElementsOf(snapshot.visitors());
        assertThat(store.takeWindow()).isEmpty();
    }
}
