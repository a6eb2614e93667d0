package io.bantin.visit.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One visitor of the active window, as persisted with the flushes: a salted hash, never an IP.
 *
 * @param key the visitor's keyed hash
 * @param lastHit the instant of their last counted hit
 * @param visitStart the instant their open visit started
 * @param viewedArticles the articles already counted as viewed in that visit
 */
public record ActiveVisitor(long key, Instant lastHit, Instant visitStart, List<Long> viewedArticles) {

    /**
     * Copies the list.
     *
     * @throws NullPointerException if a component is null
     */
    public ActiveVisitor {
        Objects.requireNonNull(lastHit, "lastHit");
        Objects.requireNonNull(visitStart, "visitStart");
        viewedArticles = List.copyOf(viewedArticles);
    }
}
