package io.bantin.testing;

import io.bantin.testing.VisitStoreContract;
import io.bantin.visit.InMemoryVisitStore;
import io.bantin.visit.spi.VisitStore;

class InMemoryVisitStoreTest extends VisitStoreContract {

    @Override
    protected VisitStore store() {
        return new InMemoryVisitStore();
    }
}
