/**
 * For the operator: {@code /health}, {@code /metrics} (on the main port behind a token, or on its
 * own loopback listener) and the request, hit and counter metrics behind them. Depends on
 * {@code http} only.
 */
package io.bantin.server.ops;
