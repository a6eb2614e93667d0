/**
 * Counting visits over HTTP: recording a hit for a request (client address, editor and prefetch
 * exclusions), {@code POST /api/hits}, {@code widget.js} and the statistics API
 * ({@code /api/stats}). Depends on {@code http}, {@code security}, {@code ops} and
 * {@code articles} (slugs to ids).
 */
package io.bantin.server.counting;
