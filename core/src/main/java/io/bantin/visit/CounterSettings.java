package io.bantin.visit;

import io.bantin.visit.spi.VisitStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The validated options of a {@link VisitCounter.Builder}. */
record CounterSettings(Clock clock, ZoneId zone, long windowMillis, long timeoutMillis, DayOfWeek firstDayOfWeek,
                       Duration flushInterval, int maxTrackedVisitors, int visitorBudget, VisitStore store,
                       List<Cidr> excludedNetworks, BotRules botRules, Sleeper sleeper,
                       Set<String> ownHosts, boolean countDimensions) {
}
