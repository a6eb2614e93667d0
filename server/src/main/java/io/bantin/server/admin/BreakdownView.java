package io.bantin.server.admin;

import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.VisitCounter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The dashboard's "where visitors came from" section: the top values of each dimension over the
 * chosen period.
 *
 * @param periodDays the chosen period, in days up to today
 * @param periods the periods to choose from
 * @param fromLabel the first day of the period, as shown
 * @param toLabel the last day (today), as shown
 * @param tables one table per dimension
 */
public record BreakdownView(int periodDays, List<Integer> periods, String fromLabel, String toLabel,
                            List<Table> tables) {

    /** The periods the dashboard offers, in days. */
    public static final List<Integer> PERIODS = List.of(7, 30, 90, 365);
    /** The period shown without a choice: the same 30 days as the chart. */
    public static final int DEFAULT_PERIOD = 30;
    /** Values listed per dimension. */
    public static final int TOP = 10;

    /** Copies the lists. */
    public BreakdownView {
        periods = List.copyOf(periods);
        tables = List.copyOf(tables);
    }

    /** One dimension's top values. */
    public record Table(String id, String heading, String valueHeading, List<Row> rows) {
        /** Copies the list. */
        public Table {
            rows = List.copyOf(rows);
        }
    }

    /** One value and its visits. */
    public record Row(String label, long visits) {
    }

    /**
     * The period named by the {@code period} query parameter, or {@link #DEFAULT_PERIOD} when it is
     * absent or not one of {@link #PERIODS} (a page, not an API: it shows the default rather than fail).
     */
    public static int period(String raw) {
        if (raw != null) {
            for (int p : PERIODS) {
                if (raw.strip().equals(Integer.toString(p))) {
                    return p;
                }
            }
        }
        return DEFAULT_PERIOD;
    }

    /** Reads the top values of each dimension from {@code today - periodDays + 1} to today. */
    static BreakdownView of(VisitCounter counter, LocalDate today, int periodDays, Function<LocalDate, String> day) {
        LocalDate from = today.minusDays(periodDays - 1L);
        List<Table> tables = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            List<Row> rows = new ArrayList<>();
            for (DimensionCount c : counter.breakdown(d, from, today, TOP)) {
                rows.add(new Row(label(c.value()), c.visits()));
            }
            tables.add(d == Dimension.REFERRER
                    ? new Table("referrers", "Nguồn truy cập", "Trang giới thiệu", rows)
                    : new Table("devices", "Thiết bị", "Loại thiết bị", rows));
        }
        return new BreakdownView(periodDays, PERIODS, day.apply(from), day.apply(today), tables);
    }

    /** The Vietnamese label of a marker or device class; a domain as it is. */
    static String label(String value) {
        return switch (value) {
            case Dimension.DIRECT -> "Truy cập trực tiếp";
            case Dimension.INTERNAL -> "Từ chính trang này";
            case Dimension.OTHER -> "Khác";
            case Dimension.UNKNOWN -> "Không xác định";
            case "desktop" -> "Máy tính";
            case "phone" -> "Điện thoại";
            case "tablet" -> "Máy tính bảng";
            default -> value;
        };
    }
}
