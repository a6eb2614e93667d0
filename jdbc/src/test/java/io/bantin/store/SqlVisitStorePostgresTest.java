package io.bantin.store;

import io.bantin.testing.VisitStoreContract;
import io.bantin.visit.spi.VisitStore;
import org.junit.jupiter.api.AfterEach;

/** The visit store contract on a real PostgreSQL (see {@link TestPostgres}), a database per test. */
class SqlVisitStorePostgresTest extends VisitStoreContract {

    private ThrowawayDatabase postgres;
    private Database db;

    @Override
    protected VisitStore store() {
        postgres = TestPostgres.createDatabase();
        db = Database.of(postgres.dataSource());
        return new SqlVisitStore(db);
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
