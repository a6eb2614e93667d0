package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuilderTest {

    private static void rejects(Consumer<VisitCounter.Builder> option, String... messageParts) {
        VisitCounter.Builder builder = VisitCounter.builder().flushInterval(Duration.ZERO);
        option.accept(builder);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(messageParts);
    }

    @Test
    void defaultsAreTheIssues() {
        try (VisitCounter counter = VisitCounter.builder().build()) {
            assertThat(counter.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
            assertThat(counter.baseline()).isZero();
            assertThat(counter.metrics().flushes()).isZero();
        }
    }

    @Test
    void outOfRangeOptionsAreNamedWithTheirValue() {
        rejects(b -> b.onlineWindow(Duration.ofMillis(999)), "onlineWindow", "PT0.999S");
        rejects(b -> b.onlineWindow(Duration.ofMinutes(31)), "onlineWindow", "PT31M");
        rejects(b -> b.onlineWindow(Duration.ofSeconds(10).plusNanos(1)), "onlineWindow", "whole milliseconds");
        rejects(b -> b.visitTimeout(Duration.ZERO), "visitTimeout", "PT0S");
        rejects(b -> b.visitTimeout(Duration.ofHours(25)), "visitTimeout", "PT25H");
        rejects(b -> b.maxTrackedVisitors(0), "maxTrackedVisitors", "0");
        rejects(b -> b.excludedNetworks(List.of("10.0.0.0/8", "10.0.0.0/40")), "10.0.0.0/40");
        rejects(b -> b.excludedNetworks(List.of("intranet")), "intranet");
        VisitCounter.Builder tooFast = VisitCounter.builder().flushInterval(Duration.ofMillis(5));
        assertThatThrownBy(tooFast::build).hasMessageContainingAll("flushInterval", "PT0.005S");
    }

    @Test
    void theSmallestAcceptedValuesBuildACounter() {
        try (VisitCounter counter = VisitCounter.builder().flushInterval(Duration.ZERO).maxTrackedVisitors(1)
                .visitorBudget(0).onlineWindow(Duration.ofSeconds(1)).visitTimeout(Duration.ofSeconds(1)).build()) {
            assertThat(counter.metrics().maxTrackedVisitors()).isEqualTo(1);
        }
        rejects(b -> b.visitorBudget(-1), "visitorBudget", "-1");
    }

    @Test
    void nullsAreNamedAndEachOptionIsSetOnce() {
        assertThatThrownBy(() -> VisitCounter.builder().clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> VisitCounter.builder().zone(null)).hasMessage("zone");
        assertThatThrownBy(() -> VisitCounter.builder().store(null)).hasMessage("store");
        assertThatThrownBy(() -> VisitCounter.builder().zone(ZoneId.of("UTC")).zone(ZoneId.of("UTC")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("zone");
        assertThatThrownBy(() -> VisitCounter.builder().maxTrackedVisitors(5).maxTrackedVisitors(6))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxTrackedVisitors");
    }

    @Test
    void recordRejectsNullAndTheQueriesTheirArguments() {
        try (VisitCounter counter = VisitCounter.builder().flushInterval(Duration.ZERO).build()) {
            assertThatThrownBy(() -> counter.record(null)).isInstanceOf(NullPointerException.class).hasMessage("hit");
            assertThatThrownBy(() -> counter.views(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("articleId");
            assertThatThrownBy(() -> counter.views((List<Long>) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> counter.daily(null, null)).isInstanceOf(NullPointerException.class).hasMessage("from");
        }
    }

    @Test
    void theBackgroundFlusherIsANamedDaemonThread() {
        try (VisitCounter counter = VisitCounter.builder().flushInterval(Duration.ofMillis(50)).build()) {
            Thread flusher = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("bantin-visit-flusher")).findFirst().orElseThrow();
            assertThat(flusher.isDaemon()).isTrue();
            assertThat(counter.metrics().failedFlushes()).isZero();
        }
    }

    /** Each option of the builder, set to a valid value. */
    static Stream<Arguments> everyOption() {
        Map<String, Consumer<VisitCounter.Builder>> options = new LinkedHashMap<>();
        options.put("clock", b -> b.clock(Clock.systemUTC()));
        options.put("zone", b -> b.zone(ZoneId.of("UTC")));
        options.put("onlineWindow", b -> b.onlineWindow(Duration.ofMinutes(5)));
        options.put("visitTimeout", b -> b.visitTimeout(Duration.ofMinutes(30)));
        options.put("firstDayOfWeek", b -> b.firstDayOfWeek(DayOfWeek.SUNDAY));
        options.put("flushInterval", b -> b.flushInterval(Duration.ZERO));
        options.put("maxTrackedVisitors", b -> b.maxTrackedVisitors(1_000));
        options.put("visitorBudget", b -> b.visitorBudget(10));
        options.put("store", b -> b.store(new InMemoryVisitStore()));
        options.put("excludedNetworks", b -> b.excludedNetworks(List.of("10.0.0.0/8")));
        options.put("botRules", b -> b.botRules(BotRules.standard()));
        options.put("ownHosts", b -> b.ownHosts(List.of("example.vn")));
        options.put("countDimensions", b -> b.countDimensions(false));
        options.put("sleeper", b -> b.sleeper(d -> { }));
        return options.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOption")
    void settingAnOptionASecondTimeIsRefusedNamingIt(String name, Consumer<VisitCounter.Builder> option) {
        VisitCounter.Builder builder = VisitCounter.builder();
        option.accept(builder);
        assertThatThrownBy(() -> option.accept(builder)).isInstanceOf(IllegalStateException.class)
                .hasMessage(name + " was already set");
    }
}
