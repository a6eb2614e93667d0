package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.store.TestPostgres;
import io.bantin.store.ThrowawayDatabase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BANTIN_BASELINE_TOTAL against the baseline an editor sets in the admin page: the environment's
 * value is applied only when it differs from the value last applied from the environment.
 */
class BaselineRuleHttpTest {
    @TempDir
    Path dir;

    private TestPortal start(Long fromEnvironment) {
        return TestPortal.start(dir, false, b -> b.baselineTotal(fromEnvironment));
    }

    private static long total(TestPortal portal) {
        return portal.stats().get("total").asLong();
    }

    private static void setInTheAdminPage(TestPortal portal, long total) {
        TestPortal.Login login = portal.login();
        assertThat(portal.json("PUT", "/api/admin/baseline", "{\"total\":" + total + "}", login.headers()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBaselineSetInTheAdminPageAfterTheEnvironmentsStaysUntilTheEnvironmentsValueChanges() {
        try (TestPortal portal = start(1000L)) {
            assertThat(total(portal)).as("the environment's value, applied for the first time").isEqualTo(1000);
            setInTheAdminPage(portal, 5000);
        }
        try (TestPortal portal = start(1000L)) {
            assertThat(total(portal)).as("a restart with the same value keeps the admin page's").isEqualTo(5000);
        }
        try (TestPortal portal = start(2000L)) {
            assertThat(total(portal)).as("a changed value is applied").isEqualTo(2000);
        }
        try (TestPortal portal = start(null)) {
            assertThat(total(portal)).as("without the setting the stored baseline stays").isEqualTo(2000);
        }
        try (TestPortal portal = start(2000L)) {
            setInTheAdminPage(portal, 6000);
        }
        try (TestPortal portal = start(2000L)) {
            assertThat(total(portal)).isEqualTo(6000);
        }
    }

    @Test
    void anEnvironmentValueNeverAppliedBeforeReplacesABaselineSetInTheAdminPageOnceOnly() {
        try (TestPortal portal = start(null)) {
            setInTheAdminPage(portal, 5000);
        }
        try (TestPortal portal = start(1000L)) {
            assertThat(total(portal)).as("a value the environment has not applied before").isEqualTo(1000);
            setInTheAdminPage(portal, 7000);
        }
        try (TestPortal portal = start(1000L)) {
            assertThat(total(portal)).isEqualTo(7000);
        }
    }

    @Test
    void aServerRestartingWithTheSameEnvironmentDoesNotUndoABaselineAnotherServerSetInTheAdminPage() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:08:00Z"));
        try (ThrowawayDatabase db = TestPostgres.createDatabase()) {
            try (TestPortal first = TestPortal.start(dir.resolve("a"), false, clock,
                    b -> b.postgresUrl(db.url()).baselineTotal(1000L).node("a"))) {
                try (TestPortal second = TestPortal.start(dir.resolve("b"), false, clock,
                        b -> b.postgresUrl(db.url()).baselineTotal(1000L).node("b"))) {
                    assertThat(total(second)).isEqualTo(1000);
                }
                setInTheAdminPage(first, 5000);
                // Stored at node a's next flush, as every figure is.
                first.server.counter().flush();
                try (TestPortal second = TestPortal.start(dir.resolve("b"), false, clock,
                        b -> b.postgresUrl(db.url()).baselineTotal(1000L).node("b"))) {
                    assertThat(total(second)).as("node b, restarted, shows node a's baseline").isEqualTo(5000);
                }
            }
        }
    }
}
