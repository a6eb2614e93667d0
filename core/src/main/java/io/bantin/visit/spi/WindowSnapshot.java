package io.bantin.visit.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The counter's short-term memory as a {@link VisitStore} holds it, written with every flush so that
 * a restart keeps who is online and whose visit is open: the live salts and each visitor's latest
 * stored visit interval.
 *
 * @param takenAt when the snapshot was taken (the latest end of its intervals)
 * @param salts the current salt and, shortly after midnight, yesterday's; tomorrow's once agreed
 * @param visitors each visitor's latest stored interval, of those asked for
 */
public record WindowSnapshot(Instant takenAt, List<VisitorSalt> salts, List<VisitInterval> visitors) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a component is null
     */
    public WindowSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        salts = List.copyOf(salts);
        visitors = List.copyOf(visitors);
    }
}
