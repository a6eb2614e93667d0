/**
 * The store SPI: what a {@link io.bantin.visit.VisitCounter} persists through, for those who write
 * their own store (the SQL stores and {@link io.bantin.visit.InMemoryVisitStore} implement it; the
 * contract tests in {@code bantin-testing} check an implementation). Applications that only count
 * need nothing from here but {@link io.bantin.visit.spi.VisitStoreException}.
 *
 * <p>A counter writes {@link io.bantin.visit.spi.VisitDelta}s that bantin builds and a store only
 * reads. The protocol between counters that share one store (several servers on one database) is
 * three methods of {@link io.bantin.visit.spi.VisitStore}: the sequenced apply with
 * {@link io.bantin.visit.spi.VisitStore#appliedSequence}, which makes a retried flush apply once;
 * {@link io.bantin.visit.spi.VisitStore#appliedByOthers}, which tells a counter to reload what the
 * others wrote; and {@link io.bantin.visit.spi.VisitStore#agreeSalt}, which gives all of them one
 * visitor salt a day, persisted through its opaque form only.
 */
package io.bantin.visit.spi;
