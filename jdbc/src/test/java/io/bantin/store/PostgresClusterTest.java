package io.bantin.store;

import io.bantin.testing.ClusterContract;
import io.bantin.visit.spi.VisitStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Several counters on one real PostgreSQL (see {@link TestPostgres}) count as one; a database per scenario. */
class PostgresClusterTest extends ClusterContract {

    private final List<ThrowawayDatabase> databases = new ArrayList<>();
    private final List<Database> opened = new ArrayList<>();

    @Override
    protected VisitStore store() {
        ThrowawayDatabase postgres = TestPostgres.createDatabase();
        databases.add(postgres);
        Database db = Database.of(postgres.dataSource());
        opened.add(db);
        return new SqlVisitStore(db);
    }

    @AfterEach
    void dropDatabases() {
        opened.forEach(Database::close);
        databases.forEach(ThrowawayDatabase::close);
    }
}
