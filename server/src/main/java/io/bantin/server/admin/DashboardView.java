package io.bantin.server.admin;

import java.util.List;

/**
 * The admin dashboard's figures, chart, table and most-viewed list.
 *
 * @param online visitors online now
 * @param today visits today
 * @param yesterday visits yesterday
 * @param thisWeek visits this week
 * @param thisMonth visits this month
 * @param total all-time visits including the baseline
 * @param pageViewsToday page views today
 * @param botsToday bot hits today
 * @param overBudgetToday hits today (since the server started, if later) counted only as page views
 *     because their address had created its hourly budget of new visitors
 * @param baseline the legacy total
 * @param chart the SVG chart's geometry
 * @param days the chart's data as table rows
 * @param top the most-viewed articles
 * @param message a status line after an action, or {@code null}
 */
public record DashboardView(long online, long today, long yesterday, long thisWeek, long thisMonth, long total,
                            long pageViewsToday, long botsToday, long overBudgetToday, long baseline, ChartView chart, List<Day> days,
                            List<TopArticle> top, String message) {
    /** Copies the lists. */
    public DashboardView {
        days = List.copyOf(days);
        top = List.copyOf(top);
    }

    /** One day of the table. */
    public record Day(String label, long visits, long pageViews) {
    }

    /** One of the most-viewed articles. */
    public record TopArticle(String title, String href, long views) {
    }
}
