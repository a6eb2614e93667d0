package io.bantin.visit;

import io.bantin.visit.spi.VisitInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Visit intervals as tests write them: a visitor's last hit, the start of their visit, their articles. */
final class Intervals {

    private Intervals() {
    }

    /** An interval on the UTC day of its start, without dimension values. */
    static VisitInterval active(long key, Instant lastHit, Instant visitStart, List<Long> articles) {
        return new VisitInterval(key, LocalDate.ofInstant(visitStart, ZoneOffset.UTC), visitStart.toEpochMilli(),
                lastHit.toEpochMilli(), articles, List.of());
    }
}
