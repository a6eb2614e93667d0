package io.bantin.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, for a counter or repository built with
 * {@code .clock(clock)}. It keeps full {@link Instant} precision and may be moved while other threads
 * read it. Its zone is UTC unless made with {@link #withZone(ZoneId)}; the counter takes its calendar
 * zone from its own settings, never from the clock. Thread-safe.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /**
     * A clock standing at {@code start}.
     *
     * @param start the first instant
     * @throws NullPointerException if start is null
     */
    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock standing at an ISO-8601 instant, e.g. {@code 2026-03-09T03:00:00Z}.
     *
     * @param instant the first instant
     * @return the clock
     * @throws java.time.format.DateTimeParseException if the text is not an instant
     */
    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param d how far
     */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /**
     * Moves the clock by this many milliseconds.
     *
     * @param ms how far
     */
    public void advanceMillis(long ms) {
        now.updateAndGet(t -> t.plusMillis(ms));
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Sets the clock to an ISO-8601 instant.
     *
     * @param instant the new time, e.g. {@code 2026-03-09T03:00:00Z}
     */
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
        return zone;
    }

    /** The same clock seen in another zone: moving either moves both. */
    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
    }
}
