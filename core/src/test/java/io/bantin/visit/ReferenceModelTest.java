package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MostRead;
import io.bantin.testing.MutableClock;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random hits, clock jumps, flushes (some failing, which leaves earlier days unflushed), graceful
 * restarts and crashes over several days, checked after every step against a tiny reference model
 * that keeps every visitor forever and scans them all: slow, and obviously right. A crash rolls the
 * model back to its copy at the last successful flush: exactly what may be lost. Each seed also
 * picks the site's first day of the week.
 */
class ReferenceModelTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final long WINDOW = Duration.ofMinutes(5).toMillis();
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();
    private static final String[] PEOPLE_AGENTS = {UserAgents.CHROME_WINDOWS, UserAgents.SAFARI_IPHONE, UserAgents.COC_COC};
    private static final String[] BOT_AGENTS = {UserAgents.GOOGLEBOT, UserAgents.CURL, ""};

    /** The rules of issue 2, §2, written as plainly as possible. */
    private static final class Model {
        final Map<String, Long> lastHit = new HashMap<>();
        final Map<String, Set<Long>> viewedThisVisit = new HashMap<>();
        final Map<LocalDate, long[]> days = new HashMap<>();
        final Map<Long, Long> articleViews = new HashMap<>();
        final Map<LocalDate, Map<Long, Long>> articleDays = new HashMap<>();
        long baseline;

        static LocalDate date(long millis) {
            return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZONE);
        }

        HitOutcome record(String who, boolean bot, boolean excluded, long article, long now) {
            if (excluded) {
                return HitOutcome.EXCLUDED;
            }
            long[] day = days.computeIfAbsent(date(now), d -> new long[3]);
            if (bot) {
                day[2]++;
                return HitOutcome.BOT;
            }
            Long previous = lastHit.get(who);
            boolean newVisit = previous == null || now - previous >= TIMEOUT || !date(previous).equals(date(now));
            if (newVisit) {
                day[0]++;
                viewedThisVisit.put(who, new HashSet<>());
            }
            day[1]++;
            lastHit.put(who, now);
            if (article > 0 && viewedThisVisit.get(who).add(article)) {
                articleViews.merge(article, 1L, Long::sum);
                articleDays.computeIfAbsent(date(now), d -> new HashMap<>()).merge(article, 1L, Long::sum);
            }
            return newVisit ? HitOutcome.NEW_VISIT : HitOutcome.PAGE_VIEW;
        }

        /** A deep copy: what the store holds after a flush. */
        Model copy() {
            Model m = new Model();
            m.lastHit.putAll(lastHit);
            viewedThisVisit.forEach((k, v) -> m.viewedThisVisit.put(k, new HashSet<>(v)));
            days.forEach((k, v) -> m.days.put(k, v.clone()));
            m.articleViews.putAll(articleViews);
            articleDays.forEach((k, v) -> m.articleDays.put(k, new HashMap<>(v)));
            m.baseline = baseline;
            return m;
        }

        long visits(LocalDate d) {
            long[] row = days.get(d);
            return row == null ? 0 : row[0];
        }

        VisitStats stats(long now, DayOfWeek firstDayOfWeek) {
            LocalDate today = date(now);
            long online = lastHit.values().stream().filter(t -> t <= now && now - t < WINDOW).count();
            long week = 0;
            for (LocalDate d = today.with(TemporalAdjusters.previousOrSame(firstDayOfWeek)); !d.isAfter(today); d = d.plusDays(1)) {
                week += visits(d);
            }
            long month = 0;
            for (LocalDate d = today.withDayOfMonth(1); !d.isAfter(today); d = d.plusDays(1)) {
                month += visits(d);
            }
            long total = baseline + days.values().stream().mapToLong(r -> r[0]).sum();
            long[] row = days.getOrDefault(today, new long[3]);
            return new VisitStats(online, visits(today), visits(today.minusDays(1)), week, month, total, row[1], row[2],
                    Instant.ofEpochMilli(now));
        }

        List<ArticleViews> top(LocalDate from, LocalDate to, int limit) {
            return MostRead.between(articleDays, from, to, limit);
        }
    }

    @Test
    void fixedSeed() {
        run(20_260_309L, 6_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 7_000_001})
    void moreSeeds(long seed) {
        run(seed, 2_500);
    }

    private static void run(long seed, int steps) {
        Random random = new Random(seed);
        MutableClock clock = MutableClock.at("2026-03-27T09:00:00Z"); // spans a month end and a week start
        FlakyStore store = new FlakyStore();
        DayOfWeek firstDayOfWeek = DayOfWeek.of(1 + (int) Math.floorMod(seed, 7L));
        VisitCounter counter = build(clock, store, firstDayOfWeek);
        Model model = new Model();
        Model flushed = model.copy();
        List<String> log = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int action = random.nextInt(100);
            if (action < 70) {
                int person = random.nextInt(40);
                String ip = person % 7 == 0 ? "2001:db8::" + Integer.toHexString(person) : "198.51.100." + person;
                boolean bot = random.nextInt(20) == 0;
                String agent = bot ? BOT_AGENTS[random.nextInt(BOT_AGENTS.length)] : PEOPLE_AGENTS[person % PEOPLE_AGENTS.length];
                boolean excluded = random.nextInt(30) == 0;
                long article = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(6);
                boolean session = person >= 35;
                Hit hit = Hit.of(ip, agent, "/p").withExcluded(excluded);
                if (article > 0) {
                    hit = hit.withArticle(article);
                }
                if (session) {
                    hit = hit.withVisitorId("session-" + person);
                }
                String who = session ? "session-" + person : ip + "|" + agent;
                HitOutcome expected = model.record(who, bot, excluded, article, clock.millis());
                log.add(step + ": hit " + who.hashCode() + " " + expected + " at " + clock.instant());
                assertThat(counter.record(hit)).as("seed %d step %d", seed, step).isEqualTo(expected);
            } else if (action < 90) {
                long advance = switch (random.nextInt(6)) {
                    case 0 -> random.nextInt(1_000);
                    case 1 -> random.nextInt(60_000);
                    case 2 -> WINDOW - 2 + random.nextInt(4);
                    case 3 -> TIMEOUT - 2 + random.nextInt(4);
                    case 4 -> random.nextInt((int) Duration.ofMinutes(40).toMillis());
                    default -> random.nextInt((int) Duration.ofHours(7).toMillis());
                };
                clock.advanceMillis(advance);
            } else if (action < 93) {
                counter.flush();
                flushed = model.copy();
            } else if (action < 95) {
                // A write the store refuses: everything stays in memory, possibly across midnight.
                // With nothing to write the store is not called, and the flush succeeds.
                store.failNext.set(1);
                try {
                    counter.flush();
                    flushed = model.copy();
                } catch (VisitStoreException e) {
                    log.add(step + ": failed flush");
                }
                store.failNext.set(0);
            } else if (action < 97) {
                long b = random.nextInt(3) * 1000L;
                counter.setBaseline(b);
                model.baseline = b;
            } else if (action < 99) {
                counter.close();
                flushed = model.copy();
                counter = build(clock, store, firstDayOfWeek);
                log.add(step + ": restart");
            } else {
                // A crash: the old counter is abandoned unflushed; the store, and so the truth, is
                // what the last flush wrote.
                model = flushed.copy();
                counter = build(clock, store, firstDayOfWeek);
                log.add(step + ": crash");
            }
            VisitStats expected = model.stats(clock.millis(), firstDayOfWeek);
            String last = log.isEmpty() ? "-" : log.get(log.size() - 1);
            assertThat(counter.stats()).as("seed %d step %d, last: %s", seed, step, last).isEqualTo(expected);
            // Read again: the figures kept from the first read must give the same answer.
            assertThat(counter.stats()).as("seed %d step %d, read again", seed, step).isEqualTo(expected);
            if (step % 97 == 0) {
                for (long a = 1; a <= 6; a++) {
                    assertThat(counter.views(a)).as("seed %d step %d views %d", seed, step, a)
                            .isEqualTo(model.articleViews.getOrDefault(a, 0L));
                }
                LocalDate today = Model.date(clock.millis());
                assertThat(counter.topArticles(today.minusDays(2), today, 3)).isEqualTo(model.top(today.minusDays(2), today, 3));
                for (DailyCount d : counter.daily(today.minusDays(3), today)) {
                    long[] row = model.days.getOrDefault(d.date(), new long[3]);
                    assertThat(d).isEqualTo(new DailyCount(d.date(), row[0], row[1], row[2]));
                }
            }
        }
        assertThat(Model.date(clock.millis())).as("the run spans several days").isAfter(LocalDate.of(2026, 3, 30));
        counter.close();
    }

    private static VisitCounter build(MutableClock clock, VisitStore store, DayOfWeek firstDayOfWeek) {
        return VisitCounter.builder().clock(clock).store(store).firstDayOfWeek(firstDayOfWeek)
                .flushInterval(Duration.ZERO).build();
    }
}
