package io.bantin.testing;

import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Walks a counter through days of traffic on a {@link MutableClock}: readers who each open some
 * pages, spread over hours, and the clock moved to the next midnight in the site's zone. Each reader
 * is a distinct synthetic visitor — an address of the benchmarking range 198.18.0.0/15 (so no
 * per-address budget is spent twice) with a desktop browser's User-Agent — so the figures a test
 * expects are simply the numbers it asked for. Not thread-safe: one test thread drives it.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2026-03-09T01:00:00Z");
 * VisitCounter counter = VisitCounter.builder().clock(clock).zone(zone).build();
 * CounterDriver day = new CounterDriver(counter, clock, zone);
 * day.startOf(LocalDate.of(2026, 3, 9));
 * day.readers(100, 3, Duration.ofHours(8));   // 100 visits, 300 page views
 * day.nextMidnight();                        // today's 100 are now "yesterday"
 * }</pre>
 */
public final class CounterDriver {

    /** The most distinct readers one driver can make: the addresses in 198.18.0.0/15. */
    public static final int MAX_READERS = 1 << 17;

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private final VisitCounter counter;
    private final MutableClock clock;
    private final ZoneId zone;
    private final Map<HitOutcome, Long> outcomes = new EnumMap<>(HitOutcome.class);
    private int nextReader;

    /**
     * Drives a counter.
     *
     * @param counter the counter, built with {@code clock}
     * @param clock the clock the counter reads
     * @param zone the counter's zone, for midnights
     * @throws NullPointerException if an argument is null
     */
    public CounterDriver(VisitCounter counter, MutableClock clock, ZoneId zone) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Sets the clock to midnight starting {@code day} in the zone.
     *
     * @param day the day
     */
    public void startOf(LocalDate day) {
        clock.set(day.atStartOfDay(zone).toInstant());
    }

    /**
     * Sets the clock to a time of the current day in the zone (forward or back).
     *
     * @param time the time of day
     */
    public void at(LocalTime time) {
        LocalDate today = ZonedDateTime.ofInstant(clock.instant(), zone).toLocalDate();
        clock.set(today.atTime(time).atZone(zone).toInstant());
    }

    /** Moves the clock to the next midnight in the zone (a 23- or 25-hour day where the zone has them). */
    public void nextMidnight() {
        LocalDate today = ZonedDateTime.ofInstant(clock.instant(), zone).toLocalDate();
        clock.set(today.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * New readers, each opening {@code pagesEach} pages one after another, their first pages spread
     * evenly over {@code spread}; the clock ends {@code spread} later than it started.
     *
     * @param readers how many distinct visitors
     * @param pagesEach pages each opens, at least 1
     * @param spread how long their arrivals take; zero puts them all at the current instant
     * @throws IllegalArgumentException if a count is out of range or the spread is negative
     */
    public void readers(int readers, int pagesEach, Duration spread) {
        if (readers < 0 || nextReader + (long) readers > MAX_READERS) {
            throw new IllegalArgumentException("readers must be between 0 and " + (MAX_READERS - nextReader)
                    + " (this driver has made " + nextReader + "), got " + readers);
        }
        if (pagesEach < 1) {
            throw new IllegalArgumentException("pagesEach must be at least 1, got " + pagesEach);
        }
        if (spread.isNegative()) {
            throw new IllegalArgumentException("spread must not be negative, got " + spread);
        }
        Duration gap = readers == 0 ? Duration.ZERO : spread.dividedBy(readers);
        Duration elapsed = Duration.ZERO;
        for (int r = 0; r < readers; r++) {
            String address = address(nextReader++);
            for (int p = 0; p < pagesEach; p++) {
                record(Hit.of(address, BROWSER, "/tin-tuc/bai-" + (p + 1)));
            }
            clock.advance(gap);
            elapsed = elapsed.plus(gap);
        }
        clock.advance(spread.minus(elapsed));
    }

    /**
     * Records one hit, counting its outcome.
     *
     * @param hit the hit
     * @return what the counter did
     */
    public HitOutcome record(Hit hit) {
        HitOutcome outcome = counter.record(hit);
        outcomes.merge(outcome, 1L, Long::sum);
        return outcome;
    }

    /**
     * How many hits this driver recorded had an outcome.
     *
     * @param outcome the outcome
     * @return the count, 0 if none
     */
    public long outcomes(HitOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /**
     * The address of the {@code n}-th synthetic reader.
     *
     * @param n 0 to {@link #MAX_READERS} - 1
     * @return an IPv4 address in 198.18.0.0/15
     */
    public static String address(int n) {
        if (n < 0 || n >= MAX_READERS) {
            throw new IllegalArgumentException("n must be between 0 and " + (MAX_READERS - 1) + ", got " + n);
        }
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }
}
