package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.spi.VisitorSalt;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaySaltsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);
    private static final long MEMORY = 30 * 60_000;

    private final InMemoryVisitStore store = new InMemoryVisitStore();
    private final DayBuckets buckets = new DayBuckets();
    private final List<LocalDate> began = new ArrayList<>();
    private final DaySalts salts = new DaySalts(ZONE, MEMORY, new SecureRandom(), store, buckets::forDay, began::add);

    private long at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ZONE).toInstant().toEpochMilli();
    }

    @Test
    void atMidnightTheAgreedSaltTakesOverAndYesterdaysIsKeptForTheGracePeriodOnly() {
        assertThat(salts.restore(List.of(), at(MONDAY, 23, 0), MONDAY)).isFalse();
        DaySalts.DayState monday = salts.current();
        assertThat(monday.date).isEqualTo(MONDAY);
        assertThat(monday.bucket).isSameAs(buckets.get(MONDAY.toEpochDay()));
        VisitorSalt agreedForTuesday = store.agreeSalt(VisitorSalt.fromWords(MONDAY.plusDays(1), 1, 2));
        assertThat(agreedForTuesday.toWords()).as("proposed at restore, held by the store").isNotEqualTo(new long[] {1, 2});

        DaySalts.DayState tuesday = salts.current(at(MONDAY.plusDays(1), 0, 1));
        assertThat(tuesday.date).isEqualTo(MONDAY.plusDays(1));
        assertThat(tuesday.salt.stored()).isEqualTo(agreedForTuesday);
        assertThat(tuesday.previousSalt).isSameAs(monday.salt);
        assertThat(began).containsExactly(MONDAY.plusDays(1));

        DaySalts.DayState later = salts.current(at(MONDAY.plusDays(1), 0, 31));
        assertThat(later.previousSalt).isNull();
        assertThat(monday.salt.k0 | monday.salt.k1).as("yesterday's key zeroed").isZero();
        assertThat(salts.current(at(MONDAY, 22, 0))).as("a clock step back keeps the later day").isSameAs(later);
    }

    @Test
    void storedSaltsStillLiveAreRestoredAndReportedAsAlreadyStored() {
        VisitorSalt today = VisitorSalt.fromWords(MONDAY, 5, 6);
        VisitorSalt yesterday = VisitorSalt.fromWords(MONDAY.minusDays(1), 7, 8);
        VisitorSalt tomorrow = VisitorSalt.fromWords(MONDAY.plusDays(1), 9, 10);
        assertThat(salts.restore(List.of(tomorrow, today, yesterday), at(MONDAY, 0, 10), MONDAY)).isTrue();
        DaySalts.Salt[] live = salts.live();
        assertThat(live[0].stored()).isEqualTo(today);
        assertThat(live[1].stored()).isEqualTo(yesterday);
        assertThat(DaySalts.stored(live[0], live[1])).containsExactly(today, yesterday);

        DaySalts other = new DaySalts(ZONE, MEMORY, new SecureRandom(), store, buckets::forDay, d -> { });
        assertThat(other.restore(List.of(yesterday), at(MONDAY, 0, 10), MONDAY)).as("today's missing").isFalse();
        assertThat(other.live()[0].day).isEqualTo(MONDAY);
    }

    @Test
    void destroyZeroesEveryKeyAndStopsAgreeing() {
        salts.restore(List.of(), at(MONDAY, 12, 0), MONDAY);
        DaySalts.Salt today = salts.live()[0];
        salts.destroy();
        assertThat(today.k0 | today.k1).isZero();
        salts.agreeNextSalt(at(MONDAY, 13, 0)); // no effect, no failure
    }
}
