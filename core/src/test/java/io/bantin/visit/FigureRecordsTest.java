package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The public figure records refuse negative figures, naming the field and the value, and accept zero:
 * a store or a caller that computes a negative count learns it where it happened.
 */
class FigureRecordsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    private static void refusesNegative(String field, LongFunction<Object> make) {
        assertThat(make.apply(0)).as("%s of zero", field).isNotNull();
        assertThatThrownBy(() -> make.apply(-1)).as(field).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(field + " must not be negative, got -1");
    }

    @Test
    void everyFigureOfTheStatisticsBoxRefusesANegativeValueByName() {
        Instant at = Instant.parse("2026-03-09T03:00:00Z");
        refusesNegative("online", n -> new VisitStats(n, 1, 1, 1, 1, 1, 1, 1, at));
        refusesNegative("today", n -> new VisitStats(1, n, 1, 1, 1, 1, 1, 1, at));
        refusesNegative("yesterday", n -> new VisitStats(1, 1, n, 1, 1, 1, 1, 1, at));
        refusesNegative("thisWeek", n -> new VisitStats(1, 1, 1, n, 1, 1, 1, 1, at));
        refusesNegative("thisMonth", n -> new VisitStats(1, 1, 1, 1, n, 1, 1, 1, at));
        refusesNegative("total", n -> new VisitStats(1, 1, 1, 1, 1, n, 1, 1, at));
        refusesNegative("pageViewsToday", n -> new VisitStats(1, 1, 1, 1, 1, 1, n, 1, at));
        refusesNegative("botsToday", n -> new VisitStats(1, 1, 1, 1, 1, 1, 1, n, at));
        assertThatThrownBy(() -> new VisitStats(0, 0, 0, 0, 0, 0, 0, 0, null)).hasMessage("asOf");
    }

    @Test
    void dailyCountsArticleViewsAndDimensionCountsRefuseNegativeFiguresByName() {
        refusesNegative("visits", n -> new DailyCount(DAY, n, 1, 1));
        refusesNegative("pageViews", n -> new DailyCount(DAY, 1, n, 1));
        refusesNegative("bots", n -> new DailyCount(DAY, 1, 1, n));
        refusesNegative("views", n -> new ArticleViews(7, n));
        refusesNegative("visits", n -> new DimensionCount("example.vn", n));
        assertThat(new ArticleViews(1, 0).articleId()).isEqualTo(1);
        assertThatThrownBy(() -> new ArticleViews(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("articleId must be positive, got 0");
        assertThat(List.of(new DailyCount(DAY, 1, 2, 3))).containsExactly(new DailyCount(DAY, 1, 2, 3));
    }
}
