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

    private static boolean zeroed(DaySalts.Salt salt) {
        return (salt.k0 | salt.k1) == 0;
    }

    @Test
    void theDayChangesAtTheFirstMillisecondOfLocalMidnight() {
        salts.restore(List.of(), at(MONDAY, 23, 0), MONDAY);
        assertThat(salts.current(at(MONDAY.plusDays(1), 0, 0) - 1).date).isEqualTo(MONDAY);
        assertThat(salts.current(at(MONDAY.plusDays(1), 0, 0)).date).isEqualTo(MONDAY.plusDays(1));
    }

    @Test
    void aDayWhoseFirstHitComesAfterTheGracePeriodDestroysYesterdaysSaltAtOnce() {
        salts.restore(List.of(), at(MONDAY, 23, 0), MONDAY);
        DaySalts.Salt monday = salts.current().salt;
        DaySalts.DayState tuesday = salts.current(at(MONDAY.plusDays(1), 0, 30));
        assertThat(tuesday.previousSalt).as("exactly the grace period after midnight").isNull();
        assertThat(zeroed(monday)).isTrue();
        assertThat(zeroed(tuesday.salt)).isFalse();

        DaySalts other = new DaySalts(ZONE, MEMORY, new SecureRandom(), store, buckets::forDay, d -> { });
        other.restore(List.of(), at(MONDAY, 23, 0), MONDAY);
        DaySalts.Salt otherMonday = other.current().salt;
        DaySalts.DayState justInTime = other.current(at(MONDAY.plusDays(1), 0, 30) - 1);
        assertThat(justInTime.previousSalt).as("a millisecond earlier it still serves").isSameAs(otherMonday);
        assertThat(zeroed(otherMonday)).isFalse();
    }

    @Test
    void daysWithoutHitsDestroyEverySaltOlderThanYesterday() {
        salts.restore(List.of(), at(MONDAY, 23, 0), MONDAY);
        DaySalts.Salt monday = salts.current().salt;
        DaySalts.DayState tuesday = salts.current(at(MONDAY.plusDays(1), 0, 10));
        assertThat(tuesday.previousSalt).isSameAs(monday);

        DaySalts.DayState wednesday = salts.current(at(MONDAY.plusDays(2), 0, 10));
        assertThat(zeroed(monday)).as("the day before yesterday's, still in grace when the day left").isTrue();
        assertThat(wednesday.previousSalt).isSameAs(tuesday.salt);
        assertThat(zeroed(tuesday.salt)).isFalse();

        DaySalts.DayState friday = salts.current(at(MONDAY.plusDays(4), 0, 10));
        assertThat(zeroed(tuesday.salt)).isTrue();
        assertThat(zeroed(wednesday.salt)).as("a whole day without hits: not yesterday's").isTrue();
        assertThat(friday.previousSalt).isNull();
        assertThat(began).containsExactly(MONDAY.plusDays(1), MONDAY.plusDays(2), MONDAY.plusDays(4));
    }

    @Test
    void tomorrowsSaltIsAgreedOnceADayAndTheNextDayBeginsWithIt() {
        FlakyStore counting = new FlakyStore();
        DaySalts shared = new DaySalts(ZONE, MEMORY, new SecureRandom(), counting, buckets::forDay, d -> { });
        shared.restore(List.of(), at(MONDAY, 10, 0), MONDAY);
        int agreed = counting.agreed.get();
        assertThat(agreed).as("today's and tomorrow's at restore").isEqualTo(2);
        shared.agreeNextSalt(at(MONDAY, 11, 0));
        shared.agreeNextSalt(at(MONDAY, 12, 0));
        assertThat(counting.agreed.get()).as("tomorrow's is already agreed").isEqualTo(agreed);

        shared.current(at(MONDAY.plusDays(1), 0, 10));
        shared.agreeNextSalt(at(MONDAY.plusDays(1), 1, 0));
        shared.agreeNextSalt(at(MONDAY.plusDays(1), 2, 0));
        assertThat(counting.agreed.get()).as("once more for the new tomorrow").isEqualTo(agreed + 1);
        VisitorSalt wednesday = counting.delegate.agreeSalt(VisitorSalt.fromWords(MONDAY.plusDays(2), 1, 2));
        assertThat(shared.current(at(MONDAY.plusDays(2), 0, 10)).salt.stored())
                .as("the salt every counter sharing the store uses").isEqualTo(wednesday);
    }

    @Test
    void yesterdaysStoredSaltIsRestoredOnlyWithinItsGracePeriod() {
        VisitorSalt today = VisitorSalt.fromWords(MONDAY, 5, 6);
        VisitorSalt yesterday = VisitorSalt.fromWords(MONDAY.minusDays(1), 7, 8);
        salts.restore(List.of(today, yesterday), at(MONDAY, 0, 30) - 1, MONDAY);
        assertThat(salts.live()[1].stored()).isEqualTo(yesterday);

        DaySalts late = new DaySalts(ZONE, MEMORY, new SecureRandom(), store, buckets::forDay, d -> { });
        late.restore(List.of(today, yesterday), at(MONDAY, 0, 30), MONDAY);
        assertThat(late.live()[1]).isNull();
        assertThat(late.live()[0].stored()).isEqualTo(today);
    }

    @Test
    void destroyAlsoZeroesYesterdaysAndTomorrowsSalts() {
        salts.restore(List.of(), at(MONDAY, 23, 0), MONDAY);
        DaySalts.DayState tuesday = salts.current(at(MONDAY.plusDays(1), 0, 10));
        salts.agreeNextSalt(at(MONDAY.plusDays(1), 0, 15));
        salts.destroy();
        assertThat(zeroed(tuesday.salt)).isTrue();
        assertThat(zeroed(tuesday.previousSalt)).isTrue();
        // Nothing records after close; were the day to change anyway, tomorrow's salt is gone too.
        assertThat(zeroed(salts.current(at(MONDAY.plusDays(2), 0, 10)).salt)).isTrue();
    }
}
