package io.bantin.bench;

import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of the per-visit dimensions (referrer domain, device class) on {@link VisitCounter#record},
 * as a ratio robust to a noisy shared machine: two counters, one counting dimensions and one not,
 * take turns on the same pre-generated hits in short slices, many rounds, and the median of each
 * round's ratio is reported. A load that comes and goes then slows both sides of a round alike,
 * where JMH's params run one after the other.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.bantin.bench.DimensionCostAB [visitors] [rounds]}.
 * With {@code visitors} = 0 every hit is a new visit (cap 1,000, 262,144 distinct visitors): the
 * dimensions' worst case.
 */
public final class DimensionCostAB {

    private static final int HITS = 1 << 18;
    private static final int SLICE = 200_000;

    private DimensionCostAB() {
    }

    /** Runs the comparison and prints hits/s of each side and the median ratio. */
    public static void main(String[] args) {
        int visitors = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        boolean strangers = visitors == 0;
        Hit[] hits = VisitCounterHits.generate(HITS, strangers ? HITS : visitors, 42);
        VisitCounter on = counter(true, strangers);
        VisitCounter off = counter(false, strangers);
        int[] cursor = new int[2];
        for (int i = 0; i < 10; i++) { // warm-up: both compiled, both counters at their steady state
            run(on, hits, cursor, 0);
            run(off, hits, cursor, 1);
        }
        double[] onRates = new double[rounds];
        double[] offRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // Alternate which side goes first, so neither always gets the fresher slice.
            double a;
            double b;
            if (r % 2 == 0) {
                a = run(on, hits, cursor, 0);
                b = run(off, hits, cursor, 1);
            } else {
                b = run(off, hits, cursor, 1);
                a = run(on, hits, cursor, 0);
            }
            onRates[r] = a;
            offRates[r] = b;
            ratios[r] = a / b;
        }
        on.close();
        off.close();
        System.out.printf("visitors=%s rounds=%d slice=%d%n", strangers ? "new every hit" : visitors, rounds, SLICE);
        System.out.printf("dimensions on : median %,.0f hits/s%n", median(onRates));
        System.out.printf("dimensions off: median %,.0f hits/s%n", median(offRates));
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf("on/off ratio  : median %.3f (quartiles %.3f-%.3f): dimensions cost %.1f%%%n",
                median(ratios), sorted[rounds / 4], sorted[rounds * 3 / 4], (1 - median(ratios)) * 100);
    }

    private static VisitCounter counter(boolean dimensions, boolean strangers) {
        VisitCounter.Builder b = VisitCounter.builder().countDimensions(dimensions).ownHosts(List.of("baotinh.gov.vn"))
                .flushInterval(Duration.ofSeconds(1));
        if (strangers) {
            b.maxTrackedVisitors(1_000);
        }
        return b.build();
    }

    /** Records one slice of hits; returns hits per second. */
    private static double run(VisitCounter counter, Hit[] hits, int[] cursor, int side) {
        int next = cursor[side];
        int sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < SLICE; i++) {
            sink += counter.record(hits[next++ & (HITS - 1)]).ordinal();
        }
        long nanos = System.nanoTime() - start;
        cursor[side] = next;
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
        return SLICE * 1e9 / nanos;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
