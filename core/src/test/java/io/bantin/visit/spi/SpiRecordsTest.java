package io.bantin.visit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.visit.Dimension;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The rows a store is handed are valid at their edges: zero counts and the longest value pass, one past refuses. */
class SpiRecordsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    @Test
    void anArticleDayRowTakesZeroViewsAndTheFirstArticleIdAndRefusesLess() {
        assertThat(new ArticleDayViews(DAY, 1, 0).views()).isZero();
        assertThatThrownBy(() -> new ArticleDayViews(DAY, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("articleId must be positive, got 0");
        assertThatThrownBy(() -> new ArticleDayViews(DAY, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("views must not be negative, got -1");
    }

    @Test
    void aDimensionRowTakesOneToTheMaximumCharactersAndZeroVisits() {
        String longest = "a".repeat(Dimension.MAX_VALUE_LENGTH);
        assertThat(new DimensionDayCount(DAY, Dimension.DEVICE, "x", 0).visits()).isZero();
        assertThat(new DimensionDayCount(DAY, Dimension.DEVICE, longest, 1).value()).isEqualTo(longest);
        assertThatThrownBy(() -> new DimensionDayCount(DAY, Dimension.DEVICE, longest + "a", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got " + (Dimension.MAX_VALUE_LENGTH + 1));
        assertThatThrownBy(() -> new DimensionDayCount(DAY, Dimension.DEVICE, "", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new DimensionDayCount(DAY, Dimension.DEVICE, "x", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("visits must not be negative, got -1");
    }

    @Test
    void saltsOfTheSameDayAndKeyAreEqualWithEqualHashesAndOthersDiffer() {
        VisitorSalt salt = VisitorSalt.fromWords(DAY, 1, 2);
        VisitorSalt same = VisitorSalt.fromWords(DAY, 1, 2);
        assertThat(salt).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(salt).isNotEqualTo(VisitorSalt.fromWords(DAY, 1, 3)).isNotEqualTo(VisitorSalt.fromWords(DAY.plusDays(1), 1, 2));
    }
}
