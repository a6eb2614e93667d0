package io.bantin.visit;

import java.time.Duration;

/**
 * Waits between retries of the final flush at {@link VisitCounter#close()}. Production waits for
 * real; tests inject one that only records the waits, so no test sleeps.
 */
@FunctionalInterface
interface Sleeper {

    /** Really waits. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /**
     * Waits for the duration.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
