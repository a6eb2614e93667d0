package io.bantin.bench;

import io.bantin.visit.BotRules;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Throughput of {@link VisitCounter#record(Hit)} with realistic, varied hits (pre-generated), on one
 * and two threads, next to two baselines measured in the same run: a bare {@link LongAdder}
 * increment, and the User-Agent hash plus bot verdict alone ({@link BotRules#isBot}).
 *
 * <p>The hits carry referrers as browsers send them (search engines, news sites, social apps, the
 * site itself, none); {@code dimensions} runs the same hits with the per-visit breakdowns (referrer
 * domain, device class) counted and not, so their cost is a ratio from one run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VisitCounterBench -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class VisitCounterBench {

    private static final int HITS = 1 << 18;
    private static final int MASK = HITS - 1;

    /**
     * Distinct visitors the hits come from: a portal's usual active set, and a large one whose
     * entries no longer fit in the CPU caches (each hit then waits for memory).
     */
    @Param({"1000", "50000"})
    public int visitors;

    /** Whether visits are also counted by referrer domain and device class. */
    @Param({"true", "false"})
    public boolean dimensions;

    private Hit[] hits;
    private VisitCounter counter;
    /** Hits of distinct visitors on a counter whose cap forgets them at once: nearly every hit a new visit. */
    private Hit[] strangers;
    private VisitCounter forgetful;
    private final LongAdder adder = new LongAdder();
    private final BotRules bots = BotRules.standard();

    /** Each thread walks the hit array from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup
        public void setUp() {
            next = (int) (Thread.currentThread().getId() * 7919) & MASK;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        hits = VisitCounterHits.generate(HITS, visitors, 42);
        // Defaults: system clock, in-memory store, background flusher every second.
        counter = VisitCounter.builder().countDimensions(dimensions).ownHosts(List.of("baotinh.gov.vn")).build();
        strangers = VisitCounterHits.generate(HITS, HITS, 43);
        forgetful = VisitCounter.builder().countDimensions(dimensions).ownHosts(List.of("baotinh.gov.vn"))
                .maxTrackedVisitors(1_000).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        counter.close();
        forgetful.close();
    }

    @Benchmark
    @Threads(1)
    public HitOutcome record1Thread(Cursor cursor) {
        return counter.record(hits[cursor.next++ & MASK]);
    }

    @Benchmark
    @Threads(2)
    public HitOutcome record2Threads(Cursor cursor) {
        return counter.record(hits[cursor.next++ & MASK]);
    }

    /**
     * The worst case for the dimensions, which are derived once per new visit: every visitor is
     * forgotten (cap 1,000, 262,144 distinct visitors) before their next hit, as in a flood.
     */
    @Benchmark
    @Threads(1)
    public HitOutcome recordNewVisits1Thread(Cursor cursor) {
        return forgetful.record(strangers[cursor.next++ & MASK]);
    }

    /** The statistics box, read while nothing else runs: memory only, O(online window). */
    @Benchmark
    @Threads(1)
    public VisitStats stats() {
        return counter.stats();
    }

    @Benchmark
    @Threads(1)
    public boolean baselineUserAgentHashAndBotVerdict(Cursor cursor) {
        return bots.isBot(hits[cursor.next++ & MASK].userAgent());
    }

    @Benchmark
    @Threads(1)
    public void baselineLongAdder() {
        adder.increment();
    }
}
