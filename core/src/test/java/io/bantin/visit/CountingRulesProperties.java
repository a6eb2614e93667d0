package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.bantin.testing.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The counting rules against a reference model written from the rules alone, with nothing of the
 * engine: random hits of a few people (some bots, some excluded, some reading articles), with gaps
 * drawn around the visit timeout and the online window, starting shortly before a local midnight, a
 * week start, a month start or a change of the zone's offset, in any zone the JDK knows, with any first
 * day of the week, any online window and visit timeout (either may be the longer). After every hit
 * the outcome and every figure of the statistics box must match the model; at the end the daily
 * counts and the article views too. A failure names its seed; {@code -DQT_SEED=<seed>} replays it.
 */
class CountingRulesProperties {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();
    private static final String[] AGENTS = {UserAgents.CHROME_WINDOWS, UserAgents.FIREFOX_LINUX, UserAgents.SAFARI_IPHONE,
            UserAgents.COC_COC};
    /** People 0..5 are known by address and browser, 6 by the host's visitor id, 7 browses from an excluded network. */
    private static final int PEOPLE = 8;
    private static final int SESSION_PERSON = 6;
    private static final int EXCLUDED_PERSON = 7;
    private static final String EXCLUDED_NETWORK = "192.0.2.0/24";
    private static final int ARTICLES = 6;

    /** Where a run starts: shortly before one of these moments. */
    enum Anchor { MIDNIGHT, WEEK_START, MONTH_START, OFFSET_CHANGE }

    /** How long before the next step: a few seconds, or just around the timeout or the window, or longer. */
    enum Gap { SECONDS, AROUND_TIMEOUT, AROUND_WINDOW, MINUTES, HOURS }

    /** What a step does. */
    enum Kind { READER, BOT, EXCLUDED_FLAG, FLUSH }

    record Step(Gap gap, int gapDraw, Kind kind, int person, int article) {
    }

    record Scenario(String zone, DayOfWeek firstDayOfWeek, long windowMillis, long timeoutMillis, Anchor anchor,
                    long anchorDay, long leadMillis, List<Step> steps) {

        long gapMillis(Step step) {
            return switch (step.gap()) {
                case SECONDS -> step.gapDraw() % 5_000;
                case AROUND_TIMEOUT -> timeoutMillis - 1 + step.gapDraw() % 3;
                case AROUND_WINDOW -> windowMillis - 1 + step.gapDraw() % 3;
                case MINUTES -> step.gapDraw() % 600_000;
                case HOURS -> step.gapDraw() % 10_800_000;
            };
        }

        /** The moment the run is anchored at, computed with java.time alone. */
        long anchorMillis() {
            ZoneId z = ZoneId.of(zone);
            LocalDate day = LocalDate.ofEpochDay(anchorDay);
            LocalDate date = switch (anchor) {
                case MIDNIGHT, OFFSET_CHANGE -> day;
                case WEEK_START -> day.with(TemporalAdjusters.nextOrSame(firstDayOfWeek));
                case MONTH_START -> day.with(TemporalAdjusters.firstDayOfNextMonth());
            };
            long midnight = date.atStartOfDay(z).toInstant().toEpochMilli();
            if (anchor == Anchor.OFFSET_CHANGE) {
                ZoneOffsetTransition t = z.getRules().nextTransition(Instant.ofEpochMilli(midnight));
                if (t != null) {
                    return t.getInstant().toEpochMilli();
                }
            }
            return midnight;
        }
    }

    private static Gen<Step> steps() {
        Gen<Gap> gap = Generate.enumValues(Gap.class);
        Gen<Integer> draw = Generate.range(0, Integer.MAX_VALUE);
        Gen<Kind> kind = Generate.frequency(
                org.quicktheories.api.Pair.of(16, Generate.constant(Kind.READER)),
                org.quicktheories.api.Pair.of(2, Generate.constant(Kind.BOT)),
                org.quicktheories.api.Pair.of(1, Generate.constant(Kind.EXCLUDED_FLAG)),
                org.quicktheories.api.Pair.of(1, Generate.constant(Kind.FLUSH)));
        Gen<Integer> person = Generate.range(0, PEOPLE - 1);
        Gen<Integer> article = Generate.range(0, ARTICLES);
        return in -> new Step(gap.generate(in), draw.generate(in), kind.generate(in), person.generate(in),
                article.generate(in));
    }

    private static Gen<Scenario> scenarios() {
        Gen<String> zone = Generate.pick(ZONES);
        Gen<DayOfWeek> firstDay = Generate.enumValues(DayOfWeek.class);
        // Seconds: sometimes short windows and timeouts, sometimes the longest the builder accepts.
        Gen<Integer> window = Generate.range(1, 300).mix(Generate.range(1, 1_800));
        Gen<Integer> timeout = Generate.range(1, 1_800).mix(Generate.range(1_800, 10_800));
        Gen<Anchor> anchor = Generate.enumValues(Anchor.class);
        Gen<Long> day = Generate.longRange(LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2035, 12, 31).toEpochDay());
        Gen<Long> lead = Generate.longRange(0, Duration.ofHours(3).toMillis());
        Gen<List<Step>> stepList = lists().of(steps()).ofSizeBetween(1, 40);
        return in -> new Scenario(zone.generate(in), firstDay.generate(in), window.generate(in) * 1_000L,
                timeout.generate(in) * 1_000L, anchor.generate(in), day.generate(in), lead.generate(in),
                stepList.generate(in));
    }

    @Test
    void everyHitAndEveryFigureFollowTheRulesInAnyZoneAcrossMidnightsWeeksAndMonths() {
        qt().withExamples(150).forAll(scenarios()).checkAssert(CountingRulesProperties::run);
    }

    private static void run(Scenario s) {
        ZoneId zone = ZoneId.of(s.zone());
        long start = s.anchorMillis() - s.leadMillis();
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(start));
        Model model = new Model(zone, s.firstDayOfWeek(), s.windowMillis(), s.timeoutMillis());
        VisitCounter counter = VisitCounter.builder().clock(clock).zone(zone).firstDayOfWeek(s.firstDayOfWeek())
                .onlineWindow(Duration.ofMillis(s.windowMillis())).visitTimeout(Duration.ofMillis(s.timeoutMillis()))
                .excludedNetworks(List.of(EXCLUDED_NETWORK)).maxTrackedVisitors(1_000).countDimensions(false)
                .flushInterval(Duration.ZERO).build();
        try {
            int n = 0;
            for (Step step : s.steps()) {
                n++;
                clock.advanceMillis(s.gapMillis(step));
                long now = clock.millis();
                if (step.kind() == Kind.FLUSH) {
                    counter.flush();
                } else {
                    boolean bot = step.kind() == Kind.BOT;
                    boolean flagged = step.kind() == Kind.EXCLUDED_FLAG;
                    String expected = model.hit(who(step), bot, flagged || step.person() == EXCLUDED_PERSON,
                            step.article(), now);
                    assertThat(counter.record(hit(step, n)).name()).as("step %d at %s", n, Instant.ofEpochMilli(now))
                            .isEqualTo(expected);
                }
                assertThat(figures(counter.stats())).as("step %d at %s", n, Instant.ofEpochMilli(now))
                        .isEqualTo(model.figures(now));
            }
            LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(start), zone);
            LocalDate last = LocalDate.ofInstant(clock.instant(), zone);
            for (DailyCount d : counter.daily(first, last)) {
                assertThat(List.of(d.visits(), d.pageViews(), d.bots())).as("daily %s", d.date())
                        .isEqualTo(model.day(d.date()));
            }
            for (long a = 1; a <= ARTICLES; a++) {
                assertThat(counter.views(a)).as("views of article %d", a).isEqualTo(model.views((int) a));
            }
        } finally {
            counter.close();
        }
    }

    /** Whom the model sees: a person, as the rules define one, never as the engine keys them. */
    private static String who(Step step) {
        return step.person() == SESSION_PERSON ? "session" : "person-" + step.person();
    }

    private static Hit hit(Step step, int n) {
        int p = step.person();
        String ip = p == EXCLUDED_PERSON ? "192.0.2.7"
                : p == SESSION_PERSON ? "198.51.100." + (100 + n % 3) // one session, changing networks
                : "198.51.100." + p;
        String agent = step.kind() == Kind.BOT ? UserAgents.GOOGLEBOT : AGENTS[p % AGENTS.length];
        Hit hit = Hit.of(ip, agent, "/p").withExcluded(step.kind() == Kind.EXCLUDED_FLAG);
        if (p == SESSION_PERSON) {
            hit = hit.withVisitorId("session-of-person-6");
        }
        return step.article() == 0 ? hit : hit.withArticle(step.article());
    }

    private static Map<String, Long> figures(VisitStats s) {
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("online", s.online());
        f.put("today", s.today());
        f.put("yesterday", s.yesterday());
        f.put("thisWeek", s.thisWeek());
        f.put("thisMonth", s.thisMonth());
        f.put("total", s.total());
        f.put("pageViewsToday", s.pageViewsToday());
        f.put("botsToday", s.botsToday());
        f.put("asOf", s.asOf().toEpochMilli());
        return f;
    }

    /**
     * The rules, plainly: a person's hit starts a visit when they had none, when their last hit is at
     * least the timeout ago, or when it fell on another local date; every person's hit is a page view;
     * a bot's hit is only a bot hit, an excluded one nothing; an article counts once per visit. Keeps
     * everyone forever and scans them all.
     */
    private static final class Model {
        private final ZoneId zone;
        private final DayOfWeek firstDayOfWeek;
        private final long window;
        private final long timeout;
        private final Map<String, Long> lastHit = new HashMap<>();
        private final Map<String, Set<Integer>> readThisVisit = new HashMap<>();
        /** Per local date: visits, page views, bot hits. */
        private final Map<LocalDate, long[]> days = new TreeMap<>();
        private final Map<Integer, Long> views = new HashMap<>();

        Model(ZoneId zone, DayOfWeek firstDayOfWeek, long window, long timeout) {
            this.zone = zone;
            this.firstDayOfWeek = firstDayOfWeek;
            this.window = window;
            this.timeout = timeout;
        }

        private LocalDate date(long millis) {
            return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
        }

        String hit(String who, boolean bot, boolean excluded, int article, long now) {
            if (excluded) {
                return "EXCLUDED";
            }
            long[] day = days.computeIfAbsent(date(now), d -> new long[3]);
            if (bot) {
                day[2]++;
                return "BOT";
            }
            Long previous = lastHit.get(who);
            boolean newVisit = previous == null || now - previous >= timeout || !date(previous).equals(date(now));
            if (newVisit) {
                day[0]++;
                readThisVisit.put(who, new HashSet<>());
            }
            day[1]++;
            lastHit.put(who, now);
            if (article > 0 && readThisVisit.get(who).add(article)) {
                views.merge(article, 1L, Long::sum);
            }
            return newVisit ? "NEW_VISIT" : "PAGE_VIEW";
        }

        private long visits(LocalDate d) {
            long[] row = days.get(d);
            return row == null ? 0 : row[0];
        }

        private long visitsFrom(LocalDate from, LocalDate today) {
            long sum = 0;
            for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
                sum += visits(d);
            }
            return sum;
        }

        Map<String, Long> figures(long now) {
            LocalDate today = date(now);
            long[] row = days.getOrDefault(today, new long[3]);
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("online", lastHit.values().stream().filter(t -> now - t < window).count());
            f.put("today", visits(today));
            f.put("yesterday", visits(today.minusDays(1)));
            f.put("thisWeek", visitsFrom(today.with(TemporalAdjusters.previousOrSame(firstDayOfWeek)), today));
            f.put("thisMonth", visitsFrom(today.withDayOfMonth(1), today));
            f.put("total", days.values().stream().mapToLong(r -> r[0]).sum());
            f.put("pageViewsToday", row[1]);
            f.put("botsToday", row[2]);
            f.put("asOf", now);
            return f;
        }

        List<Long> day(LocalDate d) {
            long[] row = days.getOrDefault(d, new long[3]);
            List<Long> l = new ArrayList<>();
            for (long v : row) {
                l.add(v);
            }
            return l;
        }

        long views(int article) {
            return views.getOrDefault(article, 0L);
        }
    }
}
