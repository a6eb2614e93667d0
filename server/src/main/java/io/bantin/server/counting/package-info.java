/**
 * Counting visits over HTTP: the article pages' hits, recorded through bantin-javalin's
 * {@link io.bantin.javalin.BantinPlugin}, which also mounts {@code POST /api/hits},
 * {@code widget.js} and the statistics API ({@code /api/stats}, {@code /api/stats/daily}) with
 * the client address, editor and prefetch rules of the servlet filter.
 */
package io.bantin.server.counting;
