package io.bantin.server.process;

import io.bantin.store.Database;
import io.bantin.store.SqlVisitStore;
import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the heap one unit of the visitor cap takes at its peak, for {@code VisitorCap}: N visitors
 * (each viewing A articles, 1 to 3: one unit each, 3 being the most a unit covers) held, then written by a flush, then restored from the
 * saved window by a new counter, on a real SQLite file. Used heap is read after full collections
 * while the part in question is alive: the held visitors, the flush's delta inside
 * {@link VisitStore#apply}, the window just read inside {@link VisitStore#loadWindow(int)}.
 *
 * <p>Run (numbers in docs/benchmarks.md):
 * {@code java -Xmx1g -XX:+UseSerialGC -cp <server test class path> io.bantin.server.process.VisitorHeapProbe 200000 3}
 */
public final class VisitorHeapProbe {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private VisitorHeapProbe() {
    }

    /** Prints bytes per visitor held, during a flush, and while restoring. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int articles = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        if (articles < 1 || articles > 3) {
            throw new IllegalArgumentException("articles per visitor must be 1 to 3 (one unit of the cap), got " + articles);
        }
        Path dir = Files.createTempDirectory("bantin-heap-probe");
        Database db = Database.sqlite(dir.resolve("probe.db"));
        MeasuringStore store = new MeasuringStore(new SqlVisitStore(db));
        long base = usedAfterGc();
        VisitCounter counter = VisitCounter.builder().store(store).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(n).build();
        for (int v = 0; v < n; v++) {
            String ip = "10." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
            for (int a = 0; a < articles; a++) {
                counter.record(Hit.of(ip, BROWSER, "/articles/a").withArticle(1 + (v + a) % 100));
            }
        }
        long held = usedAfterGc() - base;
        counter.flush();
        long flushing = store.measuredInApply - base;
        counter.close();

        long base2 = usedAfterGc();
        VisitCounter reopened = VisitCounter.builder().store(store).flushInterval(Duration.ZERO)
                .maxTrackedVisitors(n).build();
        long windowRead = store.measuredInLoad - base2;
        long restored = usedAfterGc() - base2;
        if (reopened.stats().online() != n) {
            throw new IllegalStateException("expected " + n + " restored, got " + reopened.stats().online());
        }
        reopened.close();
        db.close();

        System.out.printf("visitors: %,d (%d article(s) each, one unit of the cap each)%n", n, articles);
        System.out.printf("held:                 %.0f bytes per visitor%n", held / (double) n);
        System.out.printf("during a flush:       %.0f bytes per visitor (held + the delta being written)%n",
                flushing / (double) n);
        System.out.printf("window read at start: %.0f bytes per visitor%n", windowRead / (double) n);
        System.out.printf("restored:             %.0f bytes per visitor%n", restored / (double) n);
        System.out.printf("restoring (read + restored, both alive at the end of the restore): %.0f bytes per visitor%n",
                (windowRead + restored) / (double) n);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Delegates to the SQL store and measures the heap while a flush's delta or a read window is alive. */
    private static final class MeasuringStore implements VisitStore {
        private final VisitStore store;
        long measuredInApply;
        long measuredInLoad;

        MeasuringStore(VisitStore store) {
            this.store = store;
        }

        @Override
        public void apply(VisitDelta delta) {
            if (!delta.visitors().isEmpty()) {
                measuredInApply = usedAfterGc();
            }
            store.apply(delta);
        }

        @Override
        public Optional<WindowSnapshot> loadWindow(int maxVisitors) {
            Optional<WindowSnapshot> window = store.loadWindow(maxVisitors);
            measuredInLoad = usedAfterGc();
            return window;
        }

        @Override
        public Optional<WindowSnapshot> loadWindow() {
            return loadWindow(Integer.MAX_VALUE);
        }

        @Override
        public long appliedSequence(long writer) {
            return store.appliedSequence(writer);
        }

        @Override
        public long appliedByOthers(long writer) {
            return store.appliedByOthers(writer);
        }

        @Override
        public VisitorSalt agreeSalt(VisitorSalt proposed) {
            return store.agreeSalt(proposed);
        }

        @Override
        public long baseline() {
            return store.baseline();
        }

        @Override
        public long totalVisits() {
            return store.totalVisits();
        }

        @Override
        public List<DailyCount> daily(LocalDate from, LocalDate to) {
            return store.daily(from, to);
        }

        @Override
        public Map<Long, Long> articleViews(Collection<Long> articleIds) {
            return store.articleViews(articleIds);
        }

        @Override
        public Map<Long, Long> allArticleViews() {
            return store.allArticleViews();
        }

        @Override
        public Map<Long, Long> articleViews(Collection<Long> articleIds, LocalDate from, LocalDate to) {
            return store.articleViews(articleIds, from, to);
        }

        @Override
        public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
            return store.topArticles(from, to, limit);
        }
    }
}
