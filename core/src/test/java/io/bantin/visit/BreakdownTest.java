package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Visits by referrer domain and device class, through the counter: what counts, caps, flushes, ranges. */
class BreakdownTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private final MutableClock clock = MutableClock.at("2026-03-09T03:00:00Z");
    private final LocalDate today = LocalDate.of(2026, 3, 9);

    private VisitCounter counter(InMemoryVisitStore store) {
        return VisitCounter.builder().clock(clock).zone(ZONE).flushInterval(Duration.ZERO).store(store)
                .ownHosts(List.of("www.baochinhphu.vn")).build();
    }

    private static Hit hit(int client, String ua, String referrer) {
        return Hit.of("203.0.113." + client, ua, "/").withReferrer(referrer);
    }

    @Test
    void aVisitCountsUnderTheReferrerAndDeviceOfItsFirstHitOnly() {
        try (VisitCounter c = counter(new InMemoryVisitStore())) {
            c.record(hit(1, UserAgents.CHROME_ANDROID, "https://www.google.com.vn/search?q=x"));
            c.record(hit(1, UserAgents.CHROME_ANDROID, "https://vnexpress.net/a")); // same visit: not counted again
            c.record(hit(2, UserAgents.CHROME_WINDOWS, null));
            c.record(hit(3, UserAgents.SAFARI_IPHONE, "https://baochinhphu.vn/tin"));
            c.record(hit(4, UserAgents.GOOGLEBOT, "https://spam.example/")); // a bot: no visit
            c.record(hit(5, UserAgents.CHROME_WINDOWS, "https://spam.example/").withExcluded(true));
            assertThat(c.breakdown(Dimension.REFERRER, today, today, 10)).containsExactly(
                    new DimensionCount(Dimension.DIRECT, 1), new DimensionCount(Dimension.INTERNAL, 1),
                    new DimensionCount("google.com.vn", 1));
            assertThat(c.breakdown(Dimension.DEVICE, today, today, 10)).containsExactly(
                    new DimensionCount("phone", 2), new DimensionCount("desktop", 1));
            assertThat(c.stats().today()).as("the breakdown adds up to the visits").isEqualTo(3);

            clock.advance(Duration.ofMinutes(31)); // the visit timed out: a new visit, from a new referrer
            c.record(hit(1, UserAgents.CHROME_ANDROID, "https://vnexpress.net/a"));
            assertThat(c.breakdown(Dimension.REFERRER, today, today, 1)).hasSize(1);
            assertThat(c.breakdown(Dimension.REFERRER, today, today, 10)).contains(new DimensionCount("vnexpress.net", 1));
        }
    }

    @Test
    void flushedAndUnflushedVisitsAddUpAndSurviveARestart() {
        InMemoryVisitStore store = new InMemoryVisitStore();
        try (VisitCounter c = counter(store)) {
            c.record(hit(1, UserAgents.CHROME_WINDOWS, "https://vnexpress.net/"));
            c.flush();
            c.record(hit(2, UserAgents.CHROME_WINDOWS, "https://vnexpress.net/b"));
            assertThat(c.breakdown(Dimension.REFERRER, today, today, 10)).containsExactly(new DimensionCount("vnexpress.net", 2));
            c.flush();
            c.flush();
            assertThat(c.breakdown(Dimension.REFERRER, today, today, 10)).as("each flush wrote its part once")
                    .containsExactly(new DimensionCount("vnexpress.net", 2));
            c.record(hit(3, UserAgents.CHROME_WINDOWS, "https://dantri.com.vn/"));
        }
        assertThat(store.topValues(Dimension.REFERRER, today, today, 10)).containsExactly(
                new DimensionCount("vnexpress.net", 2), new DimensionCount("dantri.com.vn", 1));
        clock.advance(Duration.ofDays(1));
        try (VisitCounter c = counter(store)) {
            c.record(hit(4, UserAgents.CHROME_WINDOWS, "https://dantri.com.vn/"));
            assertThat(c.breakdown(Dimension.REFERRER, today, today.plusDays(1), 10)).containsExactly(
                    new DimensionCount("dantri.com.vn", 2), new DimensionCount("vnexpress.net", 2));
            assertThat(c.breakdown(Dimension.REFERRER, today.plusDays(1), today.plusDays(1), 10))
                    .containsExactly(new DimensionCount("dantri.com.vn", 1));
        }
    }

    @Test
    void randomReferrersFillADayUpToTheCapAndThenCountAsOther() {
        int clients = Dimension.MAX_VALUES_PER_DAY + 100;
        try (VisitCounter c = VisitCounter.builder().clock(clock).zone(ZONE).flushInterval(Duration.ZERO).build()) {
            for (int i = 0; i < clients; i++) {
                c.record(Hit.of("198.51." + (i / 250) + "." + (i % 250), UserAgents.CHROME_WINDOWS, "/")
                        .withReferrer("https://r" + i + ".attacker.example/"));
                if (i == clients / 2) {
                    c.flush(); // a flush in between makes no room
                }
            }
            List<DimensionCount> all = c.breakdown(Dimension.REFERRER, today, today, 1000);
            assertThat(all).hasSize(Dimension.MAX_VALUES_PER_DAY + 1);
            assertThat(all.get(0)).isEqualTo(new DimensionCount(Dimension.OTHER, 100));
            assertThat(all.stream().mapToLong(DimensionCount::visits).sum()).isEqualTo(clients);
        }
    }

    @Test
    void withDimensionsOffVisitsCountAsEverButNoBreakdownIsKept() {
        try (VisitCounter c = VisitCounter.builder().clock(clock).zone(ZONE).flushInterval(Duration.ZERO)
                .countDimensions(false).build()) {
            assertThat(c.record(hit(1, UserAgents.CHROME_WINDOWS, "https://vnexpress.net/"))).isEqualTo(HitOutcome.NEW_VISIT);
            c.flush();
            assertThat(c.stats().today()).isEqualTo(1);
            assertThat(c.breakdown(Dimension.REFERRER, today, today, 10)).isEmpty();
            assertThat(c.breakdown(Dimension.DEVICE, today, today, 10)).isEmpty();
        }
    }

    @Test
    void badArgumentsAreNamed() {
        try (VisitCounter c = counter(new InMemoryVisitStore())) {
            assertThatThrownBy(() -> c.breakdown(Dimension.DEVICE, today, today.minusDays(1), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to");
            assertThatThrownBy(() -> c.breakdown(Dimension.DEVICE, today.minusDays(366), today, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("366");
            assertThatThrownBy(() -> c.breakdown(Dimension.DEVICE, today, today, 0)).hasMessageContaining("limit");
            assertThatThrownBy(() -> c.breakdown(null, today, today, 10)).hasMessage("dimension");
            assertThat(c.breakdown(Dimension.DEVICE, today.minusDays(365), today, 10)).isEmpty();
        }
        assertThat(Dimension.ofKey("referrer")).isEqualTo(Dimension.REFERRER);
        assertThatThrownBy(() -> Dimension.ofKey("browser")).hasMessageContaining("referrer, device").hasMessageContaining("browser");
    }

    @Test
    void aDimensionsKeyIsItsStoredAndUrlNameAndAnUnknownKeyIsQuotedUpTo32Characters() {
        // Stored in the database and used in URLs: pinned.
        assertThat(Dimension.REFERRER.key()).isEqualTo("referrer");
        assertThat(Dimension.DEVICE.key()).isEqualTo("device");
        for (Dimension d : Dimension.values()) {
            assertThat(Dimension.ofKey(d.key())).isSameAs(d);
        }
        String key32 = "k".repeat(32);
        assertThatThrownBy(() -> Dimension.ofKey(key32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension must be one of referrer, device, got \"" + key32 + "\"");
        assertThatThrownBy(() -> Dimension.ofKey(key32 + "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension must be one of referrer, device, got \"" + key32 + "…\"");
        assertThatThrownBy(() -> Dimension.ofKey(null)).hasMessage("dimension must be one of referrer, device, got \"null\"");
    }
}
