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
 * visitors (without and with one viewed article each) and compares the used heap after full GCs.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.bantin.bench.VisitCounterMemory [N]}
 */
public final class VisitCounterMemory {

    private VisitCounterMemory() {
    }

    /** Prints bytes per active visitor for N visitors (default 500,000). */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        System.out.printf("visitors: %,d%n", n);
        System.out.printf("without articles: %.0f bytes per active visitor%n", measure(n, false));
        System.out.printf("with one article: %.0f bytes per active visitor%n", measure(n, true));
    }

    private static double measure(int n, boolean article) {
        Clock clock = Clock.fixed(Instant.parse("2026-03-09T03:00:00Z"), ZoneOffset.UTC);
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
        VisitCounter counter = VisitCounter.builder().clock(clock).zone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .flushInterval(Duration.ZERO).build();
        long before = usedHeap();
        for (int v = 0; v < n; v++) {
            Hit hit = Hit.of("10." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff), ua, "/");
            counter.record(article ? hit.withArticle(1 + v % 100) : hit);
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
