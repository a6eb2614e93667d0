package io.bantin.bench;

import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Measures the heap a {@link VisitCounter} needs per active visitor: fills it with N distinct
 * visitors (without, with one and with 256 viewed articles each) and compares the used heap after
 * full GCs.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.bantin.bench.VisitCounterMemory [N]}
 */
public final class VisitCounterMemory {

    private VisitCounterMemory() {
    }

    /**
     * Prints bytes per active visitor for N visitors (default 500,000) without articles and with
     * one, and for N / 10 visitors who each viewed 256 articles (the most one visit counts), also
     * per unit of the {@code maxTrackedVisitors} cap they take.
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        System.out.printf("visitors: %,d%n", n);
        System.out.printf("without articles: %.0f bytes per active visitor%n", measure(n, 0));
        System.out.printf("with one article: %.0f bytes per active visitor%n", measure(n, 1));
        int heavy = n / 10;
        double bytes = measure(heavy, 256);
        int units = 1 + 256 / 4;
        System.out.printf("with 256 articles (%,d visitors): %.0f bytes per active visitor, %.0f bytes per unit of the cap (%d units each)%n",
                heavy, bytes, bytes / units, units);
    }

    private static double measure(int n, int articles) {
        Clock clock = Clock.fixed(Instant.parse("2026-03-09T03:00:00Z"), ZoneOffset.UTC);
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
        // A cap large enough that nobody is forgotten: this measures bytes, not the cap.
        int cap = n * (1 + articles / 4);
        VisitCounter counter = VisitCounter.builder().clock(clock).zone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .flushInterval(Duration.ZERO).maxTrackedVisitors(cap).build();
        long before = usedHeap();
        for (int v = 0; v < n; v++) {
            Hit hit = Hit.of("10." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff), ua, "/");
            if (articles == 0) {
                counter.record(hit);
            } else if (articles == 1) {
                counter.record(hit.withArticle(1 + v % 100));
            } else {
                for (int a = 1; a <= articles; a++) {
                    counter.record(hit.withArticle(a));
                }
            }
        }
        long after = usedHeap();
        if (counter.stats().online() != n) {
            throw new IllegalStateException("expected " + n + " online, got " + counter.stats().online());
        }
        counter.close();
        return (after - before) / (double) n;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
