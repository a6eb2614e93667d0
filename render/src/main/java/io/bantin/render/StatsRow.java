package io.bantin.render;

/** A row of the "Thống kê truy cập" box, in display order. */
public enum StatsRow {
    /** "Đang online": visitors seen within the online window. */
    ONLINE,
    /** "Hôm nay": visits today in the site's zone. */
    TODAY,
    /** "Hôm qua": visits yesterday. */
    YESTERDAY,
    /** "Trong tuần": visits this week. */
    THIS_WEEK,
    /** "Trong tháng": visits this month. */
    THIS_MONTH,
    /** "Tất cả": all visits, including a legacy baseline. */
    TOTAL
}
