package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.VisitStoreContract;
import io.bantin.visit.DailyCount;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import java.nio.file.Path;
import java.util.List;
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
}
