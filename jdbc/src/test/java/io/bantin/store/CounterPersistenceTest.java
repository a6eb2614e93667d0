package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import io.bantin.visit.spi.VisitStoreException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counter on a real SQLite file: restarts, crashes and a database that refuses writes. */
class CounterPersistenceTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-09T16:58:00Z")); // 23:58 in Vietnam

    private VisitCounter open(Database db) {
        return VisitCounter.builder().clock(clock).store(new SqlVisitStore(db)).flushInterval(Duration.ZERO).build();
    }

    private static Hit hit(int visitor) {
        return Hit.of("203.0.113." + visitor, CHROME, "/news/" + visitor);
    }

    @Test
    void aGracefulRestartKeepsEveryFigureIncludingOnlineAndOpenVisits() {
        Path file = dir.resolve("data/bantin.db");
        Database db = Database.sqlite(file);
        VisitCounter counter = open(db);
        counter.setBaseline(722_158);
        for (int v = 1; v <= 6; v++) {
            counter.record(hit(v).withArticle(100 + v % 2));
        }
        counter.record(Hit.of("66.249.66.1", BOT, "/"));
        clock.advance(Duration.ofMinutes(4)); // 00:02 on Tuesday: visitors 1..3 come back after midnight
        for (int v = 1; v <= 3; v++) {
            counter.record(hit(v).withArticle(100 + v % 2));
        }
        counter.flush();
        counter.record(hit(7).withArticle(101));
        counter.record(hit(1).withArticle(101)); // open visit, article already viewed in it: not counted
        VisitStats before = counter.stats();
        Map<Long, Long> viewsBefore = counter.views(List.of(100L, 101L));
        assertThat(before.online()).isEqualTo(7);
        assertThat(before.today()).isEqualTo(4);
        assertThat(before.yesterday()).isEqualTo(6);
        counter.close();
        db.close();

        Database reopened = Database.sqlite(file);
        VisitCounter restarted = open(reopened);
        assertThat(restarted.stats()).isEqualTo(before);
        assertThat(restarted.views(List.of(100L, 101L))).isEqualTo(viewsBefore);
        assertThat(restarted.baseline()).isEqualTo(722_158);
        assertThat(restarted.daily(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 10)))
                .extracting(d -> d.visits()).containsExactly(6L, 4L);

        clock.advance(Duration.ofSeconds(30));
        assertThat(restarted.record(hit(1).withArticle(101))).as("visit 1 is still open").isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(restarted.views(101)).as("already viewed in that visit").isEqualTo(viewsBefore.get(101L));
        assertThat(restarted.record(hit(4))).as("visitor 4 from before midnight, yesterday's salt kept")
                .isEqualTo(HitOutcome.NEW_VISIT);
        VisitStats after = restarted.stats();
        assertThat(after.online()).isEqualTo(7);
        assertThat(after.today()).isEqualTo(5);
        restarted.close();
        reopened.close();
    }

    @Test
    void aCrashLosesAtMostTheUnflushedHitsKeepsTheFlushedOpenVisitsAndNeverCountsTwice() {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file);
        VisitCounter crashed = open(db);
        for (int v = 1; v <= 5; v++) {
            crashed.record(hit(v).withArticle(9));
        }
        crashed.flush();
        VisitStats flushed = crashed.stats();
        for (int v = 6; v <= 8; v++) {
            crashed.record(hit(v).withArticle(9));
        }
        // No close(): the process "dies" here. Its memory is simply never written.

        Database reopened = Database.sqlite(file);
        VisitCounter restarted = open(reopened);
        VisitStats s = restarted.stats();
        assertThat(s.today()).isEqualTo(flushed.today()).isEqualTo(5);
        assertThat(s.total()).isEqualTo(5);
        assertThat(s.pageViewsToday()).isEqualTo(5);
        assertThat(restarted.views(9)).isEqualTo(5);
        assertThat(s.online()).as("the window as of the last flush").isEqualTo(5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(restarted.record(hit(2).withArticle(9))).as("visit 2 was open at the last flush")
                .isEqualTo(HitOutcome.PAGE_VIEW);
        assertThat(restarted.views(9)).as("and had viewed article 9 already").isEqualTo(5);
        assertThat(restarted.record(hit(7).withArticle(9))).as("visitor 7's lost hit is simply lost")
                .isEqualTo(HitOutcome.NEW_VISIT);
        restarted.flush();
        restarted.flush();
        assertThat(restarted.stats().total()).isEqualTo(6);
        assertThat(restarted.views(9)).isEqualTo(6);
        restarted.close();
        reopened.close();
        db.close();
    }

    @Test
    void aStoredBaselineAboveTheCapAndAHugeDayAreReadWithoutFailingTheFigures() throws Exception {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file);
        VisitCounter counter = open(db);
        counter.record(hit(1));
        counter.setBaseline(5);
        counter.close();
        // What a server before the cap accepted, and a day row edited by hand.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE bantin_visit_meta SET value = " + Long.MAX_VALUE + " WHERE name = 'baseline'");
            st.executeUpdate("UPDATE bantin_visit_day SET visits = " + (Long.MAX_VALUE - 1));
        }
        VisitCounter restarted = open(db);
        try {
            assertThat(restarted.baseline()).isEqualTo(VisitCounter.MAX_BASELINE);
            restarted.record(hit(2));
            restarted.record(hit(3));
            VisitStats s = restarted.stats();
            assertThat(s.total()).isEqualTo(Long.MAX_VALUE);
            assertThat(s.today()).isEqualTo(Long.MAX_VALUE);
            assertThat(restarted.daily(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 9)).get(0).visits())
                    .isEqualTo(Long.MAX_VALUE);
        } finally {
            restarted.close();
            db.close();
        }
    }

    @Test
    void aLockedDatabaseLosesNothingAndRecoversExactly() throws Exception {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file, 100);
        VisitCounter counter = open(db);
        for (int v = 1; v <= 4; v++) {
            counter.record(hit(v).withArticle(5));
        }
        VisitStats before = counter.stats();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = other.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
            assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
            assertThat(counter.record(hit(9))).isEqualTo(HitOutcome.NEW_VISIT);
            assertThat(counter.stats().today()).isEqualTo(before.today() + 1);
            assertThat(counter.metrics().failedFlushes()).isEqualTo(2);
            assertThat(counter.metrics().failureStreak()).isEqualTo(2);
            st.execute("ROLLBACK");
        }
        counter.flush();
        assertThat(counter.metrics().failureStreak()).isZero();
        assertThat(counter.metrics().flushes()).isEqualTo(1);
        assertStored(db, 5, 5, Map.of(5L, 4L));
        counter.close();
        db.close();
    }

    @Test
    void aDatabaseTurnedReadOnlyLosesNothingAndRecoversExactly() {
        SwitchableReadOnly ds = new SwitchableReadOnly(dir.resolve("bantin.db"));
        Database db = Database.of(ds);
        VisitCounter counter = open(db);
        counter.record(hit(1).withArticle(3));
        counter.record(hit(2));
        ds.readOnly = true;
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class).hasMessageContaining("readonly");
        counter.record(hit(3).withArticle(3));
        assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
        ds.readOnly = false;
        counter.flush();
        assertStored(db, 3, 3, Map.of(3L, 2L));
        counter.close();
    }

    @Test
    void aFileMadeReadOnlyLosesNothingAndRecoversExactly() throws Exception {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file, 100);
        VisitCounter counter = open(db);
        counter.record(hit(1));
        counter.flush();
        counter.record(hit(2));
        List<Path> files = List.of(file, dir.resolve("bantin.db-wal"), dir.resolve("bantin.db-shm"), dir);
        UnwritableFiles unwritable = UnwritableFiles.of(files);
        try {
            assertThatThrownBy(counter::flush).isInstanceOf(VisitStoreException.class);
            assertThat(counter.stats().today()).as("the unsaved visit is still counted").isEqualTo(2);
        } finally {
            unwritable.close();
        }
        counter.flush();
        assertStored(db, 2, 2, Map.of());
        counter.close();
    }

    @Test
    void theDatabaseFileHoldsNoIpAddressOrUserAgent() throws Exception {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file);
        VisitCounter counter = open(db);
        counter.record(Hit.of("203.0.113.77", CHROME, "/").withArticle(1));
        counter.record(Hit.of("2001:db8::77", CHROME, "/").withVisitorId("session-secret-77"));
        counter.close();
        db.close();
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Path wal = dir.resolve("bantin.db-wal");
        if (Files.exists(wal)) {
            bytes += new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1);
        }
        assertThat(bytes).doesNotContain("203.0.113.77", "2001:db8::77", "Chrome/124", "session-secret-77");
        assertThat(bytes).contains("bantin_active_visitor");
    }

    private static void assertStored(Database db, long visits, long pageViews, Map<Long, Long> views) {
        SqlVisitStore store = new SqlVisitStore(db);
        assertThat(store.totalVisits()).isEqualTo(visits);
        assertThat(store.daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).stream()
                .mapToLong(d -> d.pageViews()).sum()).isEqualTo(pageViews);
        assertThat(store.articleViews(views.keySet())).isEqualTo(views);
    }

    /** A SQLite DataSource whose connections can be switched to refuse writes (SQLITE_READONLY). */
    private static final class SwitchableReadOnly implements DataSource {
        private final String url;
        volatile boolean readOnly;

        SwitchableReadOnly(Path file) {
            this.url = "jdbc:sqlite:" + file;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = DriverManager.getConnection(url);
            if (readOnly) {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA query_only = 1");
                }
            }
            return c;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
