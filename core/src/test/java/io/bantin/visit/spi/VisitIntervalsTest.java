package io.bantin.visit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.bantin.visit.Dimension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The one merge rule of visits that several counters saw of one visitor on one day. */
class VisitIntervalsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    private static final long T = 1_773_000_000_000L;
    private static final long TIMEOUT = 1_800_000;

    private static VisitInterval part(long start, long end, Long... articles) {
        return new VisitInterval(7, DAY, start, end, List.of(articles), List.of());
    }

    private static VisitInterval part(long start, long end, String referrer, String device) {
        return new VisitInterval(7, DAY, start, end, List.of(), List.of(referrer, device));
    }

    @Test
    void overlappingIntervalsOfTwoCountersAreOneVisit() {
        VisitIntervals.Merge first = VisitIntervals.merge(List.of(), List.of(part(T, T + 60_000, 1L)), TIMEOUT);
        assertThat(first.visits()).isEqualTo(1);
        assertThat(first.articleViews()).isEqualTo(Map.of(1L, 1L));
        VisitIntervals.Merge second = VisitIntervals.merge(first.intervals(), List.of(part(T + 30_000, T + 90_000, 2L)), TIMEOUT);
        assertThat(second.visits()).as("no new visit").isZero();
        assertThat(second.articleViews()).as("only the article the other counter saw").isEqualTo(Map.of(2L, 1L));
        assertThat(second.intervals()).containsExactly(part(T, T + 90_000, 1L, 2L));
        assertThat(second.changed()).isTrue();
        assertThat(second.lowers()).isFalse();
    }

    @Test
    void aGapOneMillisecondShortOfTheTimeoutJoinsAndAGapOfTheTimeoutStartsANewVisit() {
        List<VisitInterval> stored = List.of(part(T, T + 1_000));
        VisitIntervals.Merge joined = VisitIntervals.merge(stored, List.of(part(T + 1_000 + TIMEOUT - 1, T + 1_000 + TIMEOUT - 1)), TIMEOUT);
        assertThat(joined.visits()).isZero();
        assertThat(joined.intervals()).containsExactly(part(T, T + 1_000 + TIMEOUT - 1));
        VisitIntervals.Merge apart = VisitIntervals.merge(stored, List.of(part(T + 1_000 + TIMEOUT, T + 1_000 + TIMEOUT)), TIMEOUT);
        assertThat(apart.visits()).isEqualTo(1);
        assertThat(apart.intervals()).containsExactly(part(T, T + 1_000), part(T + 1_000 + TIMEOUT, T + 1_000 + TIMEOUT));
    }

    @Test
    void anIntervalThatBridgesTwoStoredVisitsJoinsThemIntoOneAndLowersTheFigures() {
        List<VisitInterval> stored = List.of(part(T + 3 * TIMEOUT, T + 3 * TIMEOUT, 1L, 2L), part(T, T + 1_000, 1L));
        VisitIntervals.Merge bridged = VisitIntervals.merge(stored, List.of(part(T + TIMEOUT, T + 2 * TIMEOUT + 1)), TIMEOUT);
        assertThat(bridged.visits()).isEqualTo(-1);
        assertThat(bridged.articleViews()).as("article 1 was viewed in both visits, now one").isEqualTo(Map.of(1L, -1L));
        assertThat(bridged.intervals()).containsExactly(part(T, T + 3 * TIMEOUT, 1L, 2L));
        assertThat(bridged.lowers()).isTrue();
    }

    @Test
    void theArticlesOfAMergedVisitAreTheUnionOfItsPartsUpToTheCapStoredOnesFirst() {
        List<Long> stored = LongStream.rangeClosed(1, 250).boxed().toList();
        List<Long> incoming = LongStream.rangeClosed(245, 300).boxed().toList();
        VisitIntervals.Merge m = VisitIntervals.merge(
                List.of(new VisitInterval(7, DAY, T + 10, T + 20, stored, List.of())),
                List.of(new VisitInterval(7, DAY, T, T + 15, incoming, List.of())), TIMEOUT);
        List<Long> union = m.intervals().get(0).articles();
        assertThat(union).hasSize(VisitIntervals.MAX_ARTICLES_PER_VISIT).startsWith(1L, 2L).containsAll(stored);
        assertThat(m.articleViews()).as("six more, none of the counted ones traded")
                .isEqualTo(Map.of(251L, 1L, 252L, 1L, 253L, 1L, 254L, 1L, 255L, 1L, 256L, 1L));
    }

    @Test
    void aMergedVisitCountsUnderTheValuesOfItsEarliestPartAndAPartWithValuesWinsATie() {
        VisitIntervals.Merge first = VisitIntervals.merge(List.of(), List.of(part(T + 10, T + 20, "dantri.com.vn", "phone")), TIMEOUT);
        VisitIntervals.Merge earlier = VisitIntervals.merge(first.intervals(),
                List.of(part(T, T + 5, "(direct)", "desktop")), TIMEOUT);
        assertThat(earlier.dimensionVisits()).isEqualTo(Map.of(
                Dimension.REFERRER, Map.of("(direct)", 1L, "dantri.com.vn", -1L),
                Dimension.DEVICE, Map.of("desktop", 1L, "phone", -1L)));
        assertThat(earlier.visits()).isZero();
        assertThat(earlier.lowers()).as("one value loses what another gains: no visit lost").isFalse();
        VisitIntervals.Merge tie = VisitIntervals.merge(List.of(part(T, T)), List.of(part(T, T, "(direct)", "phone")), TIMEOUT);
        assertThat(tie.intervals()).containsExactly(part(T, T, "(direct)", "phone"));
        assertThat(tie.dimensionVisits().get(Dimension.REFERRER)).isEqualTo(Map.of("(direct)", 1L));
        // Two counters saw a first hit in the same millisecond: every store picks the same values.
        VisitInterval google = part(T, T, "google.com", "phone");
        VisitInterval bing = part(T, T, "bing.com", "phone");
        assertThat(VisitIntervals.merge(List.of(google), List.of(bing), TIMEOUT).intervals()).containsExactly(bing);
        assertThat(VisitIntervals.merge(List.of(bing), List.of(google), TIMEOUT).intervals()).containsExactly(bing);
        VisitInterval bingDesktop = part(T, T, "bing.com", "desktop");
        assertThat(VisitIntervals.merge(List.of(bing), List.of(bingDesktop), TIMEOUT).intervals())
                .as("the first value that differs decides").containsExactly(bingDesktop);
    }

    @Test
    void mergingWhatTheStoreAlreadyHoldsChangesNothing() {
        List<VisitInterval> parts = List.of(part(T, T + 50, 1L), part(T + 20, T + 100, 2L), part(T + 5 * TIMEOUT, T + 5 * TIMEOUT));
        VisitIntervals.Merge once = VisitIntervals.merge(List.of(), parts, TIMEOUT);
        VisitIntervals.Merge again = VisitIntervals.merge(once.intervals(), parts, TIMEOUT);
        assertThat(again.changed()).isFalse();
        assertThat(again.visits()).isZero();
        assertThat(again.articleViews()).isEmpty();
        assertThat(again.dimensionVisits()).isEmpty();
        assertThat(again.intervals()).isEqualTo(once.intervals());
        List<VisitInterval> readBackInAnyOrder = new ArrayList<>(once.intervals());
        Collections.reverse(readBackInAnyOrder);
        assertThat(VisitIntervals.merge(readBackInAnyOrder, parts, TIMEOUT).changed())
                .as("a store reads its rows in any order; nothing to write").isFalse();
        assertThat(VisitIntervals.merge(List.of(), List.of(), TIMEOUT).changed()).isFalse();
    }

    @Test
    void aCarriedOverVisitStaysCarriedOverWhateverPartArrivesLater() {
        VisitInterval carried = new VisitInterval(7, DAY, T, T + 10, List.of(), List.of(), 99);
        assertThat(VisitIntervals.merge(List.of(carried), List.of(part(T, T + 5)), TIMEOUT).intervals())
                .containsExactly(carried);
        assertThat(VisitIntervals.merge(List.of(part(T, T + 5)), List.of(carried), TIMEOUT).intervals())
                .containsExactly(carried);
        assertThat(carried.carried()).isTrue();
        assertThat(part(T, T).carried()).isFalse();
    }

    @Test
    void onlyIntervalsOfOneVisitorAndOneDayMergeAndTheTimeoutMustBePositive() {
        assertThatThrownBy(() -> VisitIntervals.merge(List.of(part(T, T)),
                List.of(new VisitInterval(8, DAY, T, T, List.of(), List.of())), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two visitors");
        assertThatThrownBy(() -> VisitIntervals.merge(List.of(part(T, T)),
                List.of(new VisitInterval(7, DAY.plusDays(1), T, T, List.of(), List.of())), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-03-10");
        assertThatThrownBy(() -> VisitIntervals.merge(List.of(), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void anIntervalIsValidatedAndItsTextShowsNoVisitorKey() {
        assertThatThrownBy(() -> part(T, T - 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end");
        assertThatThrownBy(() -> part(T, T, 0L)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> part(T, T, 3L, 3L)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        List<Long> tooMany = LongStream.rangeClosed(1, 257).boxed().toList();
        assertThatThrownBy(() -> new VisitInterval(7, DAY, T, T, tooMany, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("257");
        assertThatThrownBy(() -> new VisitInterval(7, DAY, T, T, List.of(), List.of("only one")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one per dimension");
        assertThatThrownBy(() -> part(T, T, "", "phone")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> part(T, T, "a\u001fb", "phone")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> part(T, T, "\u001fb", "phone")).isInstanceOf(IllegalArgumentException.class);
        assertThat(part(T, T, "x".repeat(Dimension.MAX_VALUE_LENGTH), "phone").values().get(0))
                .hasSize(Dimension.MAX_VALUE_LENGTH);
        assertThatThrownBy(() -> part(T, T, "x".repeat(Dimension.MAX_VALUE_LENGTH + 1), "phone"))
                .isInstanceOf(IllegalArgumentException.class);
        VisitInterval i = new VisitInterval(123_456_789, DAY, T, T + 1, List.of(4L), List.of("(direct)", "phone"));
        assertThat(i).isEqualTo(new VisitInterval(123_456_789, DAY, T, T + 1, List.of(4L), List.of("(direct)", "phone")))
                .hasSameHashCodeAs(new VisitInterval(123_456_789, DAY, T, T + 1, List.of(4L), List.of("(direct)", "phone")));
        assertThat(i.toString()).doesNotContain("123456789").contains("2026-03-09", "articles=1");
        assertThat(VisitIntervals.valuesFromText(VisitIntervals.valuesToText(i.values()))).isEqualTo(i.values());
        assertThat(VisitIntervals.valuesFromText("")).isEmpty();
    }

    /** Random hits of one visitor, as several counters saw them, as intervals. */
    private static Gen<List<Long>> hits() {
        return lists().of(Generate.longRange(0, 4 * TIMEOUT)).ofSizeBetween(1, 12);
    }

    @Test
    void anyGroupingAndOrderOfFlushesGivesTheVisitsOfTheUnionOfTheHits() {
        qt().withExamples(300).forAll(hits(), Generate.longRange(0, Long.MAX_VALUE)).checkAssert((offsets, seed) -> {
            Random random = new Random(seed);
            List<Long> times = new ArrayList<>(offsets);
            Collections.sort(times);
            long truth = 1;
            for (int i = 1; i < times.size(); i++) {
                truth += times.get(i) - times.get(i - 1) >= TIMEOUT ? 1 : 0;
            }
            // Each hit goes to one of three counters; each counter's runs of hits are its intervals.
            Map<Integer, List<Long>> byCounter = new HashMap<>();
            for (long t : times) {
                byCounter.computeIfAbsent(random.nextInt(3), k -> new ArrayList<>()).add(T + t);
            }
            List<VisitInterval> parts = new ArrayList<>();
            byCounter.values().forEach(own -> {
                long start = own.get(0);
                for (int i = 1; i <= own.size(); i++) {
                    if (i == own.size() || own.get(i) - own.get(i - 1) >= TIMEOUT) {
                        parts.add(part(start, own.get(i - 1)));
                        if (i < own.size()) {
                            start = own.get(i);
                        }
                    }
                }
            });
            Collections.shuffle(parts, random);
            List<VisitInterval> stored = List.of();
            long visits = 0;
            for (int from = 0; from < parts.size(); ) {
                int to = from + 1 + random.nextInt(parts.size() - from);
                // Sometimes a flush is sent twice (a retry after a lost acknowledgement).
                for (int send = 0; send < (random.nextBoolean() ? 2 : 1); send++) {
                    VisitIntervals.Merge m = VisitIntervals.merge(stored, parts.subList(from, to), TIMEOUT);
                    stored = m.intervals();
                    visits += m.visits();
                }
                from = to;
            }
            assertThat(visits).isEqualTo(truth);
            assertThat(stored).hasSize((int) truth);
        });
    }
}
