package io.bantin.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The core tests' fake clock: it stands still until a test moves it, keeps full {@link Instant}
 * precision, and may be moved while other threads read it. Its zone is UTC; the counter and the
 * repositories take their zone from their own settings, never from the clock.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock standing at an ISO-8601 instant, e.g. {@code 2026-03-09T03:00:00Z}. */
    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** Moves the clock by this many milliseconds. */
    public void advanceMillis(long ms) {
        now.updateAndGet(t -> t.plusMillis(ms));
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(instant);
    }

    /** Sets the clock to an ISO-8601 instant. */
    public void set(String instant) {
        now.set(Instant.parse(instant));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
