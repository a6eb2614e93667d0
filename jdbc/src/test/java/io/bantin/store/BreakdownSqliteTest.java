package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.testing.MutableClock;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.Hit;
import io.bantin.visit.VisitCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Visits by referrer and device on a real SQLite file shared by two counters, as two servers on one
 * database: each flush carries its share through the sequenced delta, and both answer the sum.
 */
class BreakdownSqliteTest {

    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2026-03-09T10:00:00Z");
    private final LocalDate today = LocalDate.of(2026, 3, 9);

    private VisitCounter counter(Database db) {
        return VisitCounter.builder().clock(clock).zone(ZoneOffset.UTC).flushInterval(Duration.ZERO)
                .store(new SqlVisitStore(db)).build();
    }

    @Test
    void twoCountersOnOneFileEachWriteTheirVisitsByValueOnceAndBothShowTheSum() {
        try (Database db = Database.sqlite(dir.resolve("bantin.db"))) {
            VisitCounter a = counter(db);
            VisitCounter b = counter(db);
            a.record(Hit.of("203.0.113.1", DESKTOP, "/").withReferrer("https://www.vnexpress.net/a?id=7"));
            a.record(Hit.of("203.0.113.2", PHONE, "/"));
            b.record(Hit.of("203.0.113.3", PHONE, "/").withReferrer("https://vnexpress.net/b"));
            a.flush();
            b.flush();
            a.flush(); // loads b's flush
            b.record(Hit.of("203.0.113.4", DESKTOP, "/").withReferrer("https://zalo.me/"));
            List<DimensionCount> expected = List.of(new DimensionCount("vnexpress.net", 2),
                    new DimensionCount(Dimension.DIRECT, 1), new DimensionCount("zalo.me", 1));
            assertThat(b.breakdown(Dimension.REFERRER, today, today, 10)).containsExactlyElementsOf(expected);
            b.close();
            assertThat(a.breakdown(Dimension.REFERRER, today, today, 10)).containsExactlyElementsOf(expected);
            assertThat(a.breakdown(Dimension.DEVICE, today, today, 10)).containsExactly(
                    new DimensionCount("desktop", 2), new DimensionCount("phone", 2));
            a.close();
            assertThat(new SqlVisitStore(db).topValues(Dimension.REFERRER, today, today, 10))
                    .containsExactlyElementsOf(expected);
        }
    }
}
