package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives the end of the server process. Every hit of the load is a new visitor, so the
 * visit total after a restart on the same database is exactly the number of hits that reached
 * the disk:
 * <ul>
 *   <li>kill -9 under load: never more than was sent, and at most about one flush interval's worth
 *       of acknowledged hits missing (the deltas still in memory);</li>
 *   <li>SIGTERM under load: every acknowledged hit is there (the server flushes as it stops).</li>
 * </ul>
 */
@Tag("process")
class CrashAndShutdownProcessTest {

    /** Short, so the test spans several flushes in a few seconds. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    /**
     * Hits acknowledged this long before the kill may be lost: the interval since the last flush,
     * plus the flush that was running (not yet committed) when the process died, plus scheduling
     * slack on a busy two-core machine.
     */
    static final Duration LOSS_WINDOW = FLUSH_INTERVAL.multipliedBy(2).plusMillis(500);

    private static final int SENDERS = 8;
    private static final int MAX_HITS = 200_000;

    @Test
    void killDashNineUnderLoadLosesAtMostAboutOneFlushIntervalAndNeverOvercounts(@TempDir Path dir)
            throws Exception {
        Path db = dir.resolve("bantin.db");
        HitLoad load;
        long killedAt;
        try (ServerProcess server = ServerProcess.start("kill9", db, flushEnv())) {
            load = HitLoad.start(server.baseUrl(), SENDERS, 0, MAX_HITS, Duration.ofSeconds(30));
            // Long enough that hits older than the loss window exist, i.e. some must have been flushed.
            runFor(load, LOSS_WINDOW.plusSeconds(2));
            assertThat(load.acked()).as("load before the kill: %s\n%s", load.summary(), server.logTail())
                    .isPositive();
            killedAt = System.nanoTime();
            server.kill();
            load.stop();
        }
        long mayBeLost = load.ackedSince(killedAt - LOSS_WINDOW.toNanos());
        long mustBeKept = load.acked() - mayBeLost;

        try (ServerProcess restarted = ServerProcess.start("kill9-restart", db, flushEnv())) {
            long total = new PortalClient(restarted.baseUrl()).stats().path("total").asLong();
            String context = "total=" + total + " " + load.summary() + " acknowledged in the last "
                    + LOSS_WINDOW.toMillis() + " ms before the kill=" + mayBeLost + "\n" + restarted.logTail();
            System.out.printf("kill -9 under load: %s, flush interval %d ms, persisted total %d, lost %d%n",
                    load.summary(), FLUSH_INTERVAL.toMillis(), total, load.acked() - total);

            assertThat(total).as("never more than the hits sent: %s", context).isLessThanOrEqualTo(load.attempted());
            assertThat(mustBeKept).as("the load ran longer than the loss window: %s", context).isPositive();
            assertThat(total).as("at most about one flush interval lost: %s", context)
                    .isGreaterThanOrEqualTo(mustBeKept);
        }
    }

    @Test
    void sigtermUnderLoadLosesNoAcknowledgedHit(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("bantin.db");
        HitLoad load;
        int exitCode;
        try (ServerProcess server = ServerProcess.start("sigterm", db, flushEnv())) {
            load = HitLoad.start(server.baseUrl(), SENDERS, 0, MAX_HITS, Duration.ofSeconds(30));
            runFor(load, FLUSH_INTERVAL.multipliedBy(2).plusMillis(500));
            assertThat(load.acked()).as("load before SIGTERM: %s\n%s", load.summary(), server.logTail())
                    .isPositive();
            exitCode = server.terminate();
            load.stop();
        }

        try (ServerProcess restarted = ServerProcess.start("sigterm-restart", db, flushEnv())) {
            long total = new PortalClient(restarted.baseUrl()).stats().path("total").asLong();
            String context = "total=" + total + " " + load.summary() + " exit code " + exitCode
                    + "\n" + restarted.logTail();
            System.out.printf("SIGTERM under load: %s, exit code %d, persisted total %d%n",
                    load.summary(), exitCode, total);

            assertThat(total).as("every acknowledged hit kept: %s", context).isGreaterThanOrEqualTo(load.acked());
            assertThat(total).as("never more than the hits sent: %s", context).isLessThanOrEqualTo(load.attempted());
        }
    }

    /** Lets the load run for about {@code duration} (real time: the server flushes on its own clock). */
    private static void runFor(HitLoad load, Duration duration) throws InterruptedException {
        load.awaitAcked(Long.MAX_VALUE, duration);
    }

    /**
     * The load's readers all come from 127.0.0.1, each one new: without the per-address budget of
     * new visitors, or all but the first few hundred would count as page views only.
     */
    private static Map<String, String> flushEnv() {
        return ServerProcess.env("BANTIN_FLUSH_INTERVAL", ServerProcess.duration(FLUSH_INTERVAL),
                "BANTIN_VISITOR_BUDGET", "0");
    }
}
