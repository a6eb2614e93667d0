package io.bantin.store;

import io.bantin.visit.InMemoryVisitStore;
import io.bantin.visit.VisitStore;

class InMemoryVisitStoreTest extends VisitStoreContract {

    @Override
    VisitStore store() {
        return new InMemoryVisitStore();
    }
}
