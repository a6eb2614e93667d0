package io.bantin.server;

import io.bantin.visit.VisitCounter;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at start whether {@code BANTIN_BASELINE_TOTAL} replaces the stored baseline. The rule:
 * <b>the environment's value is applied only when it differs from the value last applied from the
 * environment</b>, which the database remembers ({@code bantin_server_state},
 * {@code baseline_from_environment}). So a baseline set later through the admin page stays, on
 * every server and across restarts with the same environment, until the environment's value is
 * changed; a changed value is applied once, by the first server to start with it (others starting
 * with it at the same moment apply the same value again, which changes nothing). Without the
 * setting the stored baseline is kept. Each start logs which one won.
 */
final class BaselineSetting {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineSetting.class);

    private static final String NAME = "baseline_from_environment";

    private BaselineSetting() {
    }

    /**
     * Applies the rule of this class to the counter.
     *
     * @param jdbi the migrated database that remembers the last value applied from the environment
     * @param counter the opened counter, holding the stored baseline
     * @param fromEnvironment {@code BANTIN_BASELINE_TOTAL}, or {@code null} when not set
     * @return whether the environment's value was applied
     */
    static boolean apply(Jdbi jdbi, VisitCounter counter, Long fromEnvironment) {
        if (fromEnvironment == null) {
            LOG.info("event=baseline source=stored baseline={}", counter.baseline());
            return false;
        }
        Optional<Long> lastApplied = jdbi.withHandle(h -> h.createQuery(
                "SELECT counter FROM bantin_server_state WHERE name = :name").bind("name", NAME).mapTo(Long.class).findOne());
        if (lastApplied.isPresent() && lastApplied.get() == fromEnvironment.longValue()) {
            LOG.info("event=baseline source=stored baseline={} environment={} rule=\"the environment's value was "
                    + "applied before; a baseline set since in the admin page stays\"", counter.baseline(), fromEnvironment);
            return false;
        }
        // Stored first, remembered second: a server starting meanwhile with the same value must find
        // it in the store, and should this one stop in between, its next start applies it again.
        counter.setBaseline(fromEnvironment);
        try {
            counter.flush();
        } catch (RuntimeException e) {
            LOG.warn("event=baseline source=environment baseline={} stored=later error={}", fromEnvironment, e.toString());
            return true;
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO bantin_server_state (name, counter) VALUES (:name, :v) "
                        + "ON CONFLICT (name) DO UPDATE SET counter = excluded.counter")
                .bind("v", fromEnvironment).bind("name", NAME).execute());
        LOG.info("event=baseline source=environment baseline={} previous_environment={}", fromEnvironment,
                lastApplied.map(String::valueOf).orElse("none"));
        return true;
    }
}
