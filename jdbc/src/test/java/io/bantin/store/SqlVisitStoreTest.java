package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.VisitStoreContract;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlVisitStoreTest extends VisitStoreContract {

    @TempDir
    Path dir;
    private Database db;

    @Override
    protected VisitStore store() {
        db = Database.sqlite(dir.resolve("nested/dirs/bantin.db"));
        return new SqlVisitStore(db);
    }

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aFailedStatementRollsBackTheWholeDelta() {
        VisitStore store = store();
        db.jdbi().useHandle(h -> h.execute("CREATE TRIGGER no_bots BEFORE INSERT ON bantin_visit_day "
                + "WHEN NEW.bots > 100 BEGIN SELECT RAISE(ABORT, 'too many bots'); END"));
        VisitDelta delta = VisitDelta.builder().days(List.of(new DailyCount(D1, 1, 1, 0), new DailyCount(D2, 1, 1, 101)))
                .baseline(9)
                .build();
        assertThatThrownBy(() -> store.apply(delta)).isInstanceOf(VisitStoreException.class).hasMessageContaining("too many bots");
        assertThat(store.daily(D1, D2)).isEmpty();
        assertThat(store.baseline()).isZero();
    }
    @Test
    void theRestoredWindowIsAsOfItsLatestHitAndMayBeCutToTheNewestVisitors() {
        VisitStore store = store();
        assertThatThrownBy(() -> store.loadWindow(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxVisitors must not be negative, got -1");
        VisitorSalt salt = VisitorSalt.fromWords(D1, 1, 2);
        store.apply(VisitDelta.builder().salts(List.of(salt)).build());
        assertThat(store.loadWindow().orElseThrow()).as("salts but nobody active")
                .isEqualTo(new WindowSnapshot(Instant.EPOCH, List.of(salt), List.of()));

        ActiveVisitor older = new ActiveVisitor(1, Instant.parse("2026-03-09T02:59:00Z"), Instant.parse("2026-03-09T02:50:00Z"), List.of());
        ActiveVisitor newer = new ActiveVisitor(2, Instant.parse("2026-03-09T03:00:00Z"), Instant.parse("2026-03-09T03:00:00Z"), List.of(7L));
        store.apply(VisitDelta.builder().days(List.of(new DailyCount(D1, 2, 2, 0))).salts(List.of(salt))
                .visitors(List.of(older, newer)).forgetVisitorsBefore(Instant.parse("2026-03-09T02:00:00Z")).build());
        assertThat(store.loadWindow().orElseThrow().takenAt()).isEqualTo(newer.lastHit());
        assertThat(store.loadWindow(1).orElseThrow().visitors()).as("a small heap keeps the newest").containsExactly(newer);
        assertThat(store.loadWindow(0).orElseThrow()).isEqualTo(new WindowSnapshot(Instant.EPOCH, List.of(salt), List.of()));
    }

    @Test
    void askingForNoDimensionValuesOrNoArticlesReadsNothing() {
        VisitStore store = store();
        store.apply(VisitDelta.builder().dimensionDays(List.of(new DimensionDayCount(D1, Dimension.DEVICE, "phone", 3)))
                .articleDays(List.of(new ArticleDayViews(D1, 7, 1))).build());
        assertThat(store.dimensionVisits(Dimension.DEVICE, List.of(), D1, D2)).isEmpty();
        assertThat(store.articleViews(List.of(), D1, D2)).isEmpty();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            values.add("v" + i);
        }
        values.add("phone");
        assertThat(store.dimensionVisits(Dimension.DEVICE, values, D1, D2)).as("a thousand values, two full chunks")
                .containsOnly(Map.entry("phone", 3L));
    }
}
