package io.bantin.examples;

import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Counts a few made-up hits with the in-memory counter and prints the statistics box a portal shows
 * in its sidebar. Needs only bantin-core (with Caffeine and the SLF4J API) on the classpath: the
 * in-memory counter pulls in no database.
 */
public final class CounterDemo {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final String ZALO = "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36 Zalo android/12100630";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private CounterDemo() {
    }

    /** Records sample hits and prints the box. */
    public static void main(String[] args) {
        try (VisitCounter counter = VisitCounter.builder()
                .zone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .onlineWindow(Duration.ofMinutes(5))
                .visitTimeout(Duration.ofMinutes(30))
                .build()) {
            counter.setBaseline(722_158); // the total carried over from the old site
            counter.record(Hit.of("203.0.113.7", CHROME, "/"));
            counter.record(Hit.of("203.0.113.7", CHROME, "/tin-tuc/le-khai-giang").withArticle(12));
            counter.record(Hit.of("203.0.113.7", CHROME, "/tin-tuc/le-khai-giang").withArticle(12)); // a refresh
            counter.record(Hit.of("198.51.100.23", ZALO, "/tin-tuc/le-khai-giang").withArticle(12));
            counter.record(Hit.of("66.249.66.1", GOOGLEBOT, "/tin-tuc/le-khai-giang").withArticle(12));

            VisitStats s = counter.stats();
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN"));
            System.out.println("┌─ Thống kê truy cập ─────────────┐");
            System.out.printf("│ Đang online  %18s │%n", n.format(s.online()));
            System.out.printf("│ Hôm nay      %18s │%n", n.format(s.today()));
            System.out.printf("│ Hôm qua      %18s │%n", n.format(s.yesterday()));
            System.out.printf("│ Trong tuần   %18s │%n", n.format(s.thisWeek()));
            System.out.printf("│ Trong tháng  %18s │%n", n.format(s.thisMonth()));
            System.out.printf("│ Tất cả       %18s │%n", n.format(s.total()));
            System.out.println("└─────────────────────────────────┘");
            System.out.printf("Lượt xem bài 12: %s · lượt xem trang hôm nay: %s · bot: %s · lúc %s%n",
                    n.format(counter.views(12)), n.format(s.pageViewsToday()), n.format(s.botsToday()),
                    DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").withZone(counter.zone()).format(s.asOf()));
        }
    }
}
