package io.bantin.server.admin;

import java.util.List;
import java.util.Locale;

/**
 * Geometry of the dashboard's line chart of daily visits and page views, computed on the server
 * so the SVG needs no script. Immutable.
 *
 * @param width view box width
 * @param height view box height
 * @param left x of the plot's left edge
 * @param right x of the plot's right edge
 * @param top y of the plot's top edge
 * @param bottom y of the plot's bottom edge (the zero line)
 * @param visitPoints the visits polyline's {@code points}
 * @param pageViewPoints the page views polyline's {@code points}
 * @param maxLabel the value at the top of the y axis
 * @param fromLabel the first day
 * @param toLabel the last day
 * @param description a sentence summarizing the data, for {@code <desc>}
 */
public record ChartView(int width, int height, int left, int right, int top, int bottom, String visitPoints,
                        String pageViewPoints, String maxLabel, String fromLabel, String toLabel, String description) {

    /**
     * Lays out the chart.
     *
     * @param visits visits per day, oldest first
     * @param pageViews page views per day, same length
     * @param fromLabel label of the first day
     * @param toLabel label of the last day
     * @return the geometry
     */
    public static ChartView of(List<Long> visits, List<Long> pageViews, String fromLabel, String toLabel) {
        int width = 720;
        int height = 260;
        int left = 56;
        int right = width - 16;
        int top = 16;
        int bottom = height - 32;
        long max = 1;
        long sumVisits = 0;
        long sumViews = 0;
        for (int i = 0; i < visits.size(); i++) {
            max = Math.max(max, Math.max(visits.get(i), pageViews.get(i)));
            sumVisits += visits.get(i);
            sumViews += pageViews.get(i);
        }
        long scaleMax = niceCeiling(max);
        String description = String.format(Locale.ROOT,
                "%d ngày, tổng %d lượt truy cập và %d lượt xem trang; cao nhất %d trong một ngày.",
                visits.size(), sumVisits, sumViews, max == 1 && sumViews == 0 && sumVisits == 0 ? 0 : max);
        return new ChartView(width, height, left, right, top, bottom,
                points(visits, scaleMax, left, right, top, bottom),
                points(pageViews, scaleMax, left, right, top, bottom),
                Long.toString(scaleMax), fromLabel, toLabel, description);
    }

    private static String points(List<Long> values, long max, int left, int right, int top, int bottom) {
        StringBuilder sb = new StringBuilder();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? left : left + (double) (right - left) * i / (n - 1);
            double y = bottom - (double) (bottom - top) * values.get(i) / max;
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return sb.toString();
    }

    /** Rounds up to 1, 2 or 5 times a power of ten, so the axis label is a round number. */
    static long niceCeiling(long value) {
        long p = 1;
        while (p * 10 <= value) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= value) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
