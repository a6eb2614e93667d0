package io.bantin.visit.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The counter's short-term memory as a {@link VisitStore} holds it, written with every flush so that
 * a restart keeps who is online and whose visit is open: the live salts and the active visitors.
 *
 * @param takenAt when the snapshot was taken
 * @param salts the current salt and, shortly after midnight, yesterday's; tomorrow's once agreed
 * @param visitors the visitors seen within the last max(online window, visit timeout)
 */
public record WindowSnapshot(Instant takenAt, List<VisitorSalt> salts, List<ActiveVisitor> visitors) {

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
