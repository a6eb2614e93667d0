/**
 * bantin-testing: fixtures for applications that embed bantin — the store contracts a custom store
 * must pass, a mutable clock and a driver that walks a counter through a day.
 */
module io.bantin.testing {
    requires transitive io.bantin.core;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.bantin.testing;
    // JUnit runs the contracts' test methods reflectively.
    opens io.bantin.testing to org.junit.platform.commons;
}
