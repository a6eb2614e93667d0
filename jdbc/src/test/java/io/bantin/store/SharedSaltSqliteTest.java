package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The visitor salt agreed through the store, on real SQLite: one server, and two sharing one file.
 * A restart must find the salt its open visits were counted under, a failure after a committed flush
 * is not a failed flush, and the store holds no salt longer than needed.
 */
class SharedSaltSqliteTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    @TempDir
    Path dir;
    private Database db;
    private final MutableClock clock = MutableClock.at("2026-03-09T23:59:59.500Z");

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    /** Delegates everything (also the new default methods); agreeSalt can be intercepted. */
    private static final class Hooked implements VisitStore {
        final VisitStore d;
        volatile UnaryOperator<VisitorSalt> onAgree = UnaryOperator.identity();

        Hooked(VisitStore d) {
            this.d = d;
        }

        @Override public void apply(VisitDelta delta) { d.apply(delta); }
        @Override public long appliedSequence(long writer) { return d.appliedSequence(writer); }
        @Override public long appliedByOthers(long writer) { return d.appliedByOthers(writer); }
        @Override public VisitorSalt agreeSalt(VisitorSalt p) { return d.agreeSalt(onAgree.apply(p)); }
        @Override public long baseline() { return d.baseline(); }
        @Override public long totalVisits() { return d.totalVisits(); }
        @Override public List<DailyCount> daily(LocalDate f, LocalDate t) { return d.daily(f, t); }
        @Override public Map<Long, Long> articleViews(Collection<Long> ids) { return d.articleViews(ids); }
        @Override public Map<Long, Long> allArticleViews() { return d.allArticleViews(); }
        @Override public Map<Long, Long> articleViews(Collection<Long> ids, LocalDate f, LocalDate t) { return d.articleViews(ids, f, t); }
        @Override public List<ArticleViews> topArticles(LocalDate f, LocalDate t, int l) { return d.topArticles(f, t, l); }
        @Override public Optional<WindowSnapshot> loadWindow() { return d.loadWindow(); }
    }

    /** The days the store holds a visitor salt for. */
    private static List<LocalDate> storedSaltDays(VisitStore store) {
        return store.loadWindow().orElseThrow().salts().stream().map(VisitorSalt::day).toList();
    }

    private Hooked sqlite() {
        db = Database.sqlite(dir.resolve("bantin.db"));
        return new Hooked(new SqlVisitStore(db));
    }

    private VisitCounter counter(VisitStore store) {
        return VisitCounter.builder().clock(clock).zone(ZoneOffset.UTC).flushInterval(Duration.ZERO).store(store).build();
    }

    private static Hit reader(int n) {
        return Hit.of("198.51.100." + n, UA, "/articles/7").withArticle(7L);
    }

    /**
     * One server on SQLite, started within a flush interval before midnight: its first flush runs only
     * after midnight, so tomorrow's salt is agreed when it starts. A reader's visit opened just after
     * midnight is still the same visit after a restart the same day, not a new one counted again.
     */
    @Test
    void aServerStartedJustBeforeMidnightUsesTheAgreedSaltAndARestartKeepsOpenVisits() {
        Hooked store = sqlite();
        VisitCounter first = counter(store);
        VisitCounter[] self = {first};
        boolean[] crossed = {false};
        // Were tomorrow's salt agreed only by the first flush (23:59:59.9), midnight could pass while
        // it waits for the store: a request then starts the day with a salt of the counter's own,
        // and the store keeps the agreed one.
        store.onAgree = proposed -> {
            if (proposed.day().equals(LocalDate.of(2026, 3, 10)) && clock.millis() < 1_773_100_800_000L && !crossed[0]) {
                crossed[0] = true;
                clock.set("2026-03-10T00:00:01Z"); // a request thread, concurrently with the flusher
                assertThat(self[0].record(reader(1))).isEqualTo(HitOutcome.NEW_VISIT);
            }
            return proposed;
        };
        clock.set("2026-03-09T23:59:59.900Z");
        first.flush();
        store.onAgree = UnaryOperator.identity();
        if (!crossed[0]) {
            clock.set("2026-03-10T00:00:01Z");
            assertThat(first.record(reader(1))).isEqualTo(HitOutcome.NEW_VISIT);
        }
        first.flush();
        clock.set("2026-03-10T00:01:00Z");
        first.close();
        assertThat(first.stats().today()).isEqualTo(1);

        clock.set("2026-03-10T00:05:00Z");
        VisitCounter restarted = counter(store);
        assertThat(restarted.record(reader(1))).as("the reader's visit is 4 minutes old").isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(restarted.stats().today()).isEqualTo(1);
        assertThat(restarted.views(7)).isEqualTo(1);
        restarted.close();
    }

    /** A second server deployed just before midnight picks up the salt the first one agreed for tomorrow. */
    @Test
    void aServerStartedJustBeforeMidnightLoadsTomorrowsAgreedSalt() {
        Hooked store = sqlite();
        clock.set("2026-03-09T23:00:00Z");
        VisitCounter a = counter(store);
        a.flush(); // a agrees on the 10th's salt
        clock.set("2026-03-09T23:59:58Z");
        VisitCounter b = counter(store); // deployed just now; its first flush would be at 00:00:00.x
        clock.set("2026-03-10T00:00:01Z");
        assertThat(b.record(reader(2))).isEqualTo(HitOutcome.NEW_VISIT);
        b.close();
        clock.set("2026-03-10T00:05:00Z");
        VisitCounter b2 = counter(store);
        assertThat(b2.record(reader(2))).as("the visit is 4 minutes old").isEqualTo(HitOutcome.PAGE_VIEW);
        b2.close();
        a.close();
    }

    /**
     * Agreeing tomorrow's salt fails after the flush committed: that is not a failed flush. flush()
     * does not throw, nothing is metered as failed or counted twice, and the next flush agrees.
     */
    @Test
    void aFailureToAgreeTomorrowsSaltAfterACommittedFlushIsNotAFailedFlush() {
        Hooked store = sqlite();
        clock.set("2026-03-09T10:00:00Z");
        store.onAgree = p -> {
            if (p.day().equals(LocalDate.of(2026, 3, 10))) {
                throw new VisitStoreException("database is locked (injected)");
            }
            return p;
        };
        VisitCounter counter = counter(store); // starts: today's salt agreed, tomorrow's refused
        counter.record(reader(3));
        counter.flush();
        assertThat(storedSaltDays(store)).containsExactly(LocalDate.of(2026, 3, 9));
        store.onAgree = UnaryOperator.identity();
        clock.set("2026-03-09T10:00:05Z");
        counter.flush(); // succeeds, nothing new to write
        assertThat(store.totalVisits()).as("written once").isEqualTo(1);
        assertThat(counter.stats().today()).isEqualTo(1);
        assertThat(counter.metrics().flushes()).isEqualTo(1);
        assertThat(counter.metrics().failureStreak()).as("a successful flush ran since").isZero();
        assertThat(counter.metrics().failedFlushes()).as("no write failed").isZero();
        assertThat(storedSaltDays(store)).contains(LocalDate.of(2026, 3, 10));
        counter.close();
    }

    /** After yesterday's grace only today's and tomorrow's salts are stored: expired ones are deleted. */
    @Test
    void expiredSaltsAreStillDeleted() {
        Hooked store = sqlite();
        clock.set("2026-03-09T10:00:00Z");
        VisitCounter counter = counter(store);
        counter.record(reader(4));
        counter.flush();
        clock.set("2026-03-10T00:00:10Z");
        counter.record(reader(5));
        counter.flush();
        clock.set("2026-03-10T02:00:00Z");
        counter.stats();
        counter.flush();
        assertThat(storedSaltDays(store)).containsExactlyInAnyOrder(LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 10));
        counter.close();
    }
}
