package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two portal processes sharing one PostgreSQL database, as a site behind a load balancer runs: each
 * has its own {@link Database} and {@link SqlVisitStore} over that database and its own counter.
 * Whichever server answers, a reader must see the same figures (the statistics box, the daily chart,
 * an article's views, the most read, the baseline), each the sum of what both servers counted, and a
 * restart of one must neither lose nor repeat anything. "Online" is left out: it counts the visitors
 * each process remembers.
 */
class TwoServersOnePostgresTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Safari/537.36";
    private static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<Long> ARTICLES = List.of(1L, 2L, 3L, 4L, 5L, 6L);

    private final MutableClock clock = MutableClock.at("2026-02-28T03:00:00Z"); // Saturday, 10:00 in Vietnam
    private final Expected expected = new Expected();
    private final List<Server> started = new ArrayList<>();
    private ThrowawayDatabase postgres;
    private int visitors;

    /** One portal process: its own connections, store and counter on the shared database. */
    private record Server(Database db, VisitCounter counter) {
        void stop() {
            counter.close();
            db.close();
        }
    }

    @BeforeEach
    void createDatabase() {
        postgres = TestPostgres.createDatabase();
    }

    @AfterEach
    void stopServers() {
        for (Server s : started) {
            s.stop(); // idempotent
        }
        postgres.close();
    }

    private Server start() {
        Database db = Database.of(postgres.dataSource());
        VisitCounter counter = VisitCounter.builder().clock(clock).zone(ZONE).flushInterval(Duration.ZERO)
                .store(new SqlVisitStore(db)).build();
        Server server = new Server(db, counter);
        started.add(server);
        return server;
    }

    @Test
    void bothServersShowTheSumOfWhatBothCountedAlsoAfterOneRestarts() {
        Server a = start();
        Server b = start();
        a.counter.setBaseline(722_158);
        expected.baseline = 722_158;

        // Saturday 28 February: last month.
        newVisitor(a, 1, 2);
        newVisitor(a, 1);
        newVisitor(b, 1);
        newVisitor(b);
        bot(b);
        flush(a, b);
        assertBothShowTheSum(a, b);

        // Friday 6 March: this month, last week.
        clock.set("2026-03-06T02:00:00Z");
        newVisitor(a, 3);
        newVisitor(b, 3, 1);
        newVisitor(b, 3);
        flush(b, a);
        assertBothShowTheSum(a, b);

        // Monday 9 March: this week, yesterday.
        clock.set("2026-03-09T09:00:00Z");
        newVisitor(a, 2);
        newVisitor(b, 2, 3);
        bot(a);
        flush(a, b);

        // Tuesday 10 March, today.
        clock.set("2026-03-10T03:00:00Z");
        newVisitor(a, 4);
        newVisitor(b, 4, 2);
        newVisitor(b);
        flush(a, b);
        assertBothShowTheSum(a, b);

        // Unflushed hits show on their own server at once, and on the other once both flushed.
        newVisitor(a, 6);
        assertThat(a.counter.stats().today()).isEqualTo(expected.visits(today()));
        flush(a, b);
        assertBothShowTheSum(a, b);

        // b stops (its last hits written by close) and starts again a minute later, with everything;
        // a learns of b's last hits at its next flush.
        String open = newVisitor(b, 5);
        b.stop();
        clock.advance(Duration.ofMinutes(1));
        Server b2 = start();
        a.counter.flush();
        assertBothShowTheSum(a, b2);
        returns(b2, open, 5);
        newVisitor(a, 5);
        newVisitor(b2, 5, 6);
        bot(b2);
        flush(b2, a);
        assertBothShowTheSum(a, b2);

        // And a stops without flushing first: close writes what it held.
        open = newVisitor(a, 1);
        a.stop();
        clock.advance(Duration.ofMinutes(1));
        Server a2 = start();
        returns(a2, open, 1);
        flush(a2, b2);
        assertBothShowTheSum(a2, b2);
        assertThat(a2.counter.baseline()).isEqualTo(722_158);
    }

    @Test
    void serversStartedTogetherOnAnEmptyDatabaseRecogniseEachOthersVisitorsAfterARestart() {
        Server a = start();
        Server b = start();
        String onA = newVisitor(a, 1);
        String onB = newVisitor(b, 2);
        flush(b, a);
        a.stop();
        b.stop();
        clock.advance(Duration.ofMinutes(10));
        Server a2 = start();
        Server b2 = start();
        returns(a2, onA, 1);
        returns(b2, onB, 2);
        flush(a2, b2);
        assertBothShowTheSum(a2, b2);
    }

    // ---------------------------------------------------------------- hits and what they must add up to

    /**
     * A visitor new to the site opens one visit on {@code server}, viewing each article once (or
     * none); returns their address.
     */
    private String newVisitor(Server server, long... articles) {
        int visitor = ++visitors;
        String ip = "203.0." + (visitor / 250) + "." + (visitor % 250 + 1);
        LocalDate today = today();
        if (articles.length == 0) {
            assertThat(server.counter.record(Hit.of(ip, BROWSER, "/"))).isEqualTo(HitOutcome.NEW_VISIT);
            expected.hit(today, true, 0);
            return ip;
        }
        for (int i = 0; i < articles.length; i++) {
            HitOutcome outcome = server.counter.record(Hit.of(ip, BROWSER, "/articles/" + articles[i]).withArticle(articles[i]));
            assertThat(outcome).isEqualTo(i == 0 ? HitOutcome.NEW_VISIT : HitOutcome.PAGE_VIEW);
            expected.hit(today, i == 0, articles[i]);
        }
        return ip;
    }

    /** A visitor whose visit is open comes back to an article they viewed in it: one page view, nothing else. */
    private void returns(Server server, String ip, long article) {
        assertThat(server.counter.record(Hit.of(ip, BROWSER, "/articles/" + article).withArticle(article)))
                .as("the visit of %s is still open", ip).isEqualTo(HitOutcome.PAGE_VIEW);
        expected.hit(today(), false, 0);
    }

    private void bot(Server server) {
        assertThat(server.counter.record(Hit.of("66.249.66.1", BOT, "/"))).isEqualTo(HitOutcome.BOT);
        expected.bot(today());
    }

    /**
     * Two rounds of the servers' flushers, in this order: in the first each writes what it counted
     * (and loads what the servers before it wrote), in the second each loads what the servers after
     * it wrote. With the background flusher that is at most two flush intervals.
     */
    private static void flush(Server... servers) {
        for (int round = 1; round <= 2; round++) {
            for (Server s : servers) {
                s.counter.flush();
            }
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    private void assertBothShowTheSum(Server... servers) {
        LocalDate today = today();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate firstDay = LocalDate.of(2026, 2, 28);
        for (Server s : servers) {
            VisitStats stats = s.counter.stats();
            String server = "server " + (started.indexOf(s) + 1);
            assertThat(stats.today()).as(server + ": today").isEqualTo(expected.visits(today));
            assertThat(stats.yesterday()).as(server + ": yesterday").isEqualTo(expected.visits(today.minusDays(1)));
            assertThat(stats.thisWeek()).as(server + ": this week").isEqualTo(expected.visitsBetween(weekStart, today));
            assertThat(stats.thisMonth()).as(server + ": this month").isEqualTo(expected.visitsBetween(monthStart, today));
            assertThat(stats.total()).as(server + ": all time").isEqualTo(expected.baseline + expected.visitsBetween(firstDay, today));
            assertThat(stats.pageViewsToday()).as(server + ": page views today").isEqualTo(expected.day(today)[1]);
            assertThat(stats.botsToday()).as(server + ": bots today").isEqualTo(expected.day(today)[2]);
            assertThat(s.counter.baseline()).as(server + ": baseline").isEqualTo(expected.baseline);
            assertThat(s.counter.daily(firstDay, today)).as(server + ": daily").isEqualTo(expected.daily(firstDay, today));
            assertThat(s.counter.views(ARTICLES)).as(server + ": article views").isEqualTo(expected.views(ARTICLES));
            assertThat(s.counter.topArticles(monthStart, today, 3)).as(server + ": most read this month")
                    .isEqualTo(expected.top(monthStart, today, 3));
        }
    }

    /** What the hits add up to, kept by hand: visits, page views and bots per day, views per article per day. */
    private static final class Expected {
        long baseline;
        private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
        private final Map<LocalDate, Map<Long, Long>> views = new HashMap<>();

        void hit(LocalDate day, boolean newVisit, long article) {
            long[] row = day(day);
            row[0] += newVisit ? 1 : 0;
            row[1]++;
            if (article != 0) {
                views.computeIfAbsent(day, d -> new HashMap<>()).merge(article, 1L, Long::sum);
            }
        }

        void bot(LocalDate day) {
            day(day)[2]++;
        }

        long[] day(LocalDate day) {
            return days.computeIfAbsent(day, d -> new long[3]);
        }

        long visits(LocalDate day) {
            return day(day)[0];
        }

        long visitsBetween(LocalDate from, LocalDate to) {
            return days.subMap(from, true, to, true).values().stream().mapToLong(r -> r[0]).sum();
        }

        List<DailyCount> daily(LocalDate from, LocalDate to) {
            List<DailyCount> result = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                long[] row = days.getOrDefault(d, new long[3]);
                result.add(new DailyCount(d, row[0], row[1], row[2]));
            }
            return result;
        }

        Map<Long, Long> views(List<Long> articles) {
            Map<Long, Long> result = new LinkedHashMap<>();
            for (Long id : articles) {
                result.put(id, views.values().stream().mapToLong(m -> m.getOrDefault(id, 0L)).sum());
            }
            return result;
        }

        List<ArticleViews> top(LocalDate from, LocalDate to, int limit) {
            return MostRead.between(views, from, to, limit);
        }
    }
}
