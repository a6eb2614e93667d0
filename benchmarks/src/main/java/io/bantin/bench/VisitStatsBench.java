package io.bantin.bench;

import io.bantin.visit.Hit;
import io.bantin.visit.InMemoryVisitStore;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
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
 * {@link VisitCounter#stats()} as the article page calls it: a counter with six weeks of flushed
 * history in its store, a few unflushed visits today, and visitors online. {@code VisitCounterBench.stats}
 * reads an empty counter; here every day of the week and month has a stored row, so a reader that
 * walks the days pays for real lookups.
 *
 * <p>The clock stands still and there is no background flusher, so every call reads the same state:
 * the steady state between two flushes. {@code today} is a Monday early in the month (short week
 * and month) and a Sunday at the month's end (the longest week and month).
 *
 * <p>The online count scans the window's seconds plus, by millisecond, the part of the boundary
 * second inside the window (0 to 999 slots, by where in the second "now" falls), per stripe. The
 * clock stands at the last millisecond of a second, where that second part is empty; with
 * {@code onlineWindow=PT1S} the online count is then a few slots and what is left is the day figures.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VisitStatsBench -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class VisitStatsBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36";
    private static final int HISTORY_DAYS = 42;
    private static final int VISITORS_PER_DAY = 50;

    /** The site-local date the counter reads at: a Monday on the 2nd, and a Sunday on the 29th. */
    @Param({"2026-03-02", "2026-03-29"})
    public String today;

    /** The counter's online window: the default, and the shortest allowed (to leave out the online scan). */
    @Param({"PT5M", "PT1S"})
    public String onlineWindow;

    private VisitCounter counter;

    /** A clock the setup moves by hand; the measured calls only read it. */
    private static final class SetClock extends Clock {
        private volatile long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        SetClock clock = new SetClock();
        LocalDate date = LocalDate.parse(today);
        counter = VisitCounter.builder().clock(clock).zone(ZONE).store(new InMemoryVisitStore())
                .onlineWindow(Duration.parse(onlineWindow)).flushInterval(Duration.ZERO).build();
        for (LocalDate d = date.minusDays(HISTORY_DAYS); !d.isAfter(date); d = d.plusDays(1)) {
            clock.millis = d.atTime(10, 0).atZone(ZONE).toInstant().toEpochMilli();
            visits(clock, VISITORS_PER_DAY);
            counter.flush();
        }
        // Today also has unflushed visits, some of them still online.
        visits(clock, 10);
        clock.millis += 999;
    }

    private void visits(SetClock clock, int n) {
        for (int i = 0; i < n; i++) {
            clock.millis += 1_000;
            counter.record(Hit.of("198.51.100." + (i % 250), AGENT + i, "/articles/a").withArticle(1 + i % 20));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        counter.close();
    }

    /** One reader, as on a quiet server. */
    @Benchmark
    @Threads(1)
    public VisitStats stats1Thread() {
        return counter.stats();
    }

    /** Two readers at once, as article pages served in parallel: shows contention between readers. */
    @Benchmark
    @Threads(2)
    public VisitStats stats2Threads() {
        return counter.stats();
    }
}
