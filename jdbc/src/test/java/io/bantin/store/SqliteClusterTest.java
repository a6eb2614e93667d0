package io.bantin.store;

import io.bantin.testing.ClusterContract;
import io.bantin.visit.spi.VisitStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Several counters on one SQLite file, each with its own connection, count as one. */
class SqliteClusterTest extends ClusterContract {

    @TempDir
    Path dir;
    private final List<Database> opened = new ArrayList<>();

    @Override
    protected VisitStore store() {
        Database db = Database.sqlite(dir.resolve("bantin-" + opened.size() + ".db"));
        opened.add(db);
        return new SqlVisitStore(db);
    }

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }
}
