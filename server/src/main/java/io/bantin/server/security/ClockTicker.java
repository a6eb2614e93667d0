package io.bantin.server.security;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;

/**
 * A Caffeine {@link Ticker} driven by a {@link Clock}, so cache expiry follows the injected clock
 * (tests advance a fake one). Thread-safe when the clock is.
 */
public final class ClockTicker implements Ticker {
    private final Clock clock;

    /** Creates a ticker reading the given clock. */
    public ClockTicker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long read() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
