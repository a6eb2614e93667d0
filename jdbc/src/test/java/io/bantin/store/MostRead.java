package io.bantin.store;

import io.bantin.visit.ArticleViews;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tests' own, plain answer to "most read between two days", to hold the counter's against. */
public final class MostRead {

    private MostRead() {
    }

    /**
     * The {@code limit} articles with the most views between {@code from} and {@code to} inclusive, by
     * views descending and then id ascending, from views per article per day.
     */
    public static List<ArticleViews> between(Map<LocalDate, Map<Long, Long>> viewsByDay, LocalDate from, LocalDate to,
                                             int limit) {
        Map<Long, Long> sums = new HashMap<>();
        viewsByDay.forEach((day, byArticle) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                byArticle.forEach((id, n) -> sums.merge(id, n, Long::sum));
            }
        });
        return sums.entrySet().stream().map(e -> new ArticleViews(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ArticleViews::views).reversed().thenComparingLong(ArticleViews::articleId))
                .limit(limit).toList();
    }
}
