package io.bantin.testing;

import static org.quicktheories.QuickTheory.qt;

import io.bantin.visit.InMemoryVisitStore;
import io.bantin.visit.spi.VisitStore;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class InMemoryClusterTest extends ClusterContract {

    @Override
    protected VisitStore store() {
        return new InMemoryVisitStore();
    }

    @Test
    void anyNumberOfCountersOnTheInMemoryStoreCountAsOne() {
        qt().withExamples(60).forAll(Generate.longRange(0, Long.MAX_VALUE), Generate.range(1, 4), Generate.range(1, 12))
                .checkAssert((seed, nodes, visitors) -> runScenario(seed, nodes, visitors, 150));
    }
}
