package io.bantin.visit;

import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitorSalt;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendar and the visitor salts: today's {@link DayState} (its dates, bucket and salts),
 * replaced at local midnight and when yesterday's salt has served its grace period, and tomorrow's
 * salt, agreed with the store ahead of midnight.
 *
 * <p>One kind of lock: this object's monitor, taken only to change the day (once a day, and once
 * more when yesterday's salt expires) and to read or replace the salts; recording threads read the
 * volatile {@link #day} and take the monitor only when the clock has passed {@link DayState#nextCheck}.
 */
final class DaySalts {

    private static final Logger LOG = LoggerFactory.getLogger(VisitCounter.class);

    private final ZoneId zone;
    /** How long yesterday's salt is kept after midnight: as long as a visitor is remembered. */
    private final long memoryMillis;
    private final SecureRandom random;
    private final VisitStore store;
    /** The day's bucket of unflushed amounts, created when the day begins. */
    private final LongFunction<DayBucket> bucketOf;
    /** Called with the new date when a day begins (under this monitor). */
    private final Consumer<LocalDate> dayBegan;

    private volatile DayState day;
    /**
     * Tomorrow's salt, agreed with the store ahead of midnight so that every counter sharing the
     * store switches to the same one at midnight without touching it (under this monitor).
     */
    private Salt nextSalt;
    private boolean closed;

    DaySalts(ZoneId zone, long memoryMillis, SecureRandom random, VisitStore store, LongFunction<DayBucket> bucketOf,
             Consumer<LocalDate> dayBegan) {
        this.zone = zone;
        this.memoryMillis = memoryMillis;
        this.random = random;
        this.store = store;
        this.bucketOf = bucketOf;
        this.dayBegan = dayBegan;
    }

    /** Today's calendar facts, bucket and salts; replaced at midnight and when yesterday's salt expires. */
    static final class DayState {
        final LocalDate date;
        final long epochDay;
        final long start;
        final long end;
        final DayBucket bucket;
        final Salt salt;
        final Salt previousSalt;
        final long previousSaltUntil;
        final long nextCheck;

        DayState(LocalDate date, long start, long end, DayBucket bucket, Salt salt, Salt previousSalt,
                 long previousSaltUntil) {
            this.date = date;
            this.epochDay = date.toEpochDay();
            this.start = start;
            this.end = end;
            this.bucket = bucket;
            this.salt = salt;
            this.previousSalt = previousSalt;
            this.previousSaltUntil = previousSaltUntil;
            this.nextCheck = previousSalt == null ? end : Math.min(end, previousSaltUntil);
        }
    }

    /** A day's visitor salt; its key is zeroed when it is no longer needed. */
    static final class Salt {
        final LocalDate day;
        long k0;
        long k1;

        Salt(LocalDate day, long k0, long k1) {
            this.day = day;
            this.k0 = k0;
            this.k1 = k1;
        }

        static Salt of(VisitorSalt stored) {
            long[] words = stored.toWords();
            return new Salt(stored.day(), words[0], words[1]);
        }

        VisitorSalt stored() {
            return VisitorSalt.fromWords(day, k0, k1);
        }

        void destroy() {
            k0 = 0;
            k1 = 0;
        }
    }

    /** The state of the day {@code now} falls in (never earlier than the current one). */
    DayState current(long now) {
        DayState s = day;
        return now < s.start || now >= s.nextCheck ? advance(now) : s;
    }

    /** The current state without looking at the clock. */
    DayState current() {
        return day;
    }

    /**
     * Sets the first day state: from the stored salts when they are still valid, else with a salt
     * agreed with the store for today (the one another counter sharing the store already uses, or a
     * fresh one).
     *
     * @return whether the stored salts are exactly those now live (today's, yesterday's within its
     *     grace period, tomorrow's), so that they need not be written again
     */
    synchronized boolean restore(List<VisitorSalt> stored, long now, LocalDate today) {
        Salt current = null;
        Salt previous = null;
        long graceEnd = startOf(today) + memoryMillis;
        for (VisitorSalt saved : stored) {
            if (saved.day().equals(today) && current == null) {
                current = Salt.of(saved);
            } else if (saved.day().equals(today.minusDays(1)) && now < graceEnd && previous == null) {
                previous = Salt.of(saved);
            } else if (saved.day().equals(today.plusDays(1)) && nextSalt == null) {
                nextSalt = Salt.of(saved);
            }
        }
        int kept = (current == null ? 0 : 1) + (previous == null ? 0 : 1) + (nextSalt == null ? 0 : 1);
        // Only then the flushes need not write them; with today's missing they carry the agreed one.
        boolean allKept = current != null && stored.size() == kept;
        if (current == null) {
            // Today's as every counter sharing the store uses it. A store that refuses writes now (a
            // locked or read-only file) must not stop the counter from starting: then a salt of its
            // own, written by the first flush that succeeds.
            try {
                current = agreedSalt(today);
            } catch (RuntimeException e) {
                LOG.warn("Visit counter could not agree today's salt at startup; it uses one of its own", e);
                current = newSalt(today);
            }
        }
        // Tomorrow's too, now: started just before midnight, the first flush might come only after it,
        // when the day has begun with a salt of this process's own. (Stored a day ahead, a salt alone
        // tells nothing: the keys it makes of that day's visitors do not exist yet.) If the store
        // refuses, the flushes try again.
        if (nextSalt == null) {
            try {
                nextSalt = agreedSalt(today.plusDays(1));
            } catch (RuntimeException e) {
                LOG.warn("Visit counter could not agree tomorrow's salt at startup; the flushes try again", e);
            }
        }
        day = dayState(today, current, previous);
        return allKept;
    }

    /**
     * The live salts as a flush writes them (today's, then yesterday's while it is kept), in the
     * order {@code [today, yesterday or null]}.
     */
    synchronized Salt[] live() {
        return new Salt[] {day.salt, day.previousSalt};
    }

    /** The stored form of live salts, for a flush. */
    static List<VisitorSalt> stored(Salt salt, Salt previous) {
        List<VisitorSalt> salts = new ArrayList<>(2);
        salts.add(salt.stored());
        if (previous != null) {
            salts.add(previous.stored());
        }
        return salts;
    }

    /**
     * Agrees on tomorrow's salt with the store, once a day, ahead of midnight: the store keeps the first
     * salt proposed for a day, so all counters sharing it use the same one. A visitor then has one
     * key in all of them, the window they write is one window, and a process that restarts finds the
     * visits it had open under the salt it loads (with a salt of its own it would count them again).
     *
     * @throws RuntimeException what the store threw
     */
    void agreeNextSalt(long now) {
        LocalDate tomorrow = current(now).date.plusDays(1);
        synchronized (this) {
            if (closed || nextSalt != null && nextSalt.day.equals(tomorrow)) {
                return;
            }
        }
        Salt agreed = agreedSalt(tomorrow);
        synchronized (this) {
            // Midnight may have passed meanwhile; then the day began with a salt of its own.
            if (day.date.plusDays(1).equals(agreed.day) && !closed) {
                if (nextSalt != null) {
                    nextSalt.destroy();
                }
                nextSalt = agreed;
            } else {
                agreed.destroy();
            }
        }
    }

    /** Zeroes every salt held; tomorrow's is not agreed any more. */
    synchronized void destroy() {
        closed = true;
        DayState s = day;
        s.salt.destroy();
        if (s.previousSalt != null) {
            s.previousSalt.destroy();
        }
        if (nextSalt != null) {
            nextSalt.destroy();
        }
    }

    /**
     * The salt every counter sharing the store uses for {@code date}: the one the store holds, or a
     * fresh one that the store then holds.
     */
    private Salt agreedSalt(LocalDate date) {
        return Salt.of(store.agreeSalt(VisitorSalt.fromWords(date, random.nextLong(), random.nextLong())));
    }

    private Salt newSalt(LocalDate date) {
        return new Salt(date, random.nextLong(), random.nextLong());
    }

    /**
     * The salt for a day that just began: the one agreed with the store if there is one for that day,
     * else a fresh one (this counter then differs from others sharing the store until tomorrow).
     */
    private Salt takeNextSalt(LocalDate date) {
        Salt next = nextSalt;
        nextSalt = null;
        if (next != null && next.day.equals(date)) {
            return next;
        }
        if (next != null) {
            next.destroy();
        }
        return newSalt(date);
    }

    private DayState dayState(LocalDate date, Salt salt, Salt previous) {
        long start = startOf(date);
        long end = startOf(date.plusDays(1));
        long previousUntil = start + memoryMillis;
        return new DayState(date, start, end, bucketOf.apply(date.toEpochDay()), salt, previous, previousUntil);
    }

    private synchronized DayState advance(long now) {
        DayState s = day;
        if (now >= s.start && now < s.nextCheck) {
            return s;
        }
        LocalDate date = dateOf(now);
        if (date.isBefore(s.date)) {
            return s; // the clock went back across midnight: keep counting into the later day
        }
        DayState next;
        if (date.equals(s.date)) {
            // Yesterday's salt has served its grace period: destroy it.
            if (s.previousSalt != null) {
                s.previousSalt.destroy();
            }
            next = new DayState(s.date, s.start, s.end, s.bucket, s.salt, null, s.previousSaltUntil);
        } else {
            if (s.previousSalt != null) {
                s.previousSalt.destroy();
            }
            Salt previous = s.salt;
            if (!s.date.plusDays(1).equals(date)) {
                previous.destroy();
                previous = null;
            }
            next = dayState(date, takeNextSalt(date), previous);
            if (previous != null && now >= next.previousSaltUntil) {
                previous.destroy();
                next = dayState(date, next.salt, null);
            }
            dayBegan.accept(date);
        }
        day = next;
        return next;
    }

    LocalDate dateOf(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
    }

    long startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
