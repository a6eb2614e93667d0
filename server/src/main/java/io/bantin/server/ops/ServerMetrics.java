package io.bantin.server.ops;

import io.bantin.visit.VisitCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server's Micrometer registry, exposed in Prometheus text at {@code /metrics}: hits by
 * outcome, the counter's flushes (count, failures, last duration) and HTTP timings per route.
 * Meters are looked up once and cached, so the request path only increments. Thread-safe.
 */
public final class ServerMetrics {
    /** The methods of RFC 9110 and PATCH: the only method labels. */
    static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Counter> hits = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> http = new ConcurrentHashMap<>();

    /** Creates the registry. */
    public ServerMetrics() {
    }

    /**
     * Exposes the counter's own health figures: flushes, failed flushes, the current failure
     * streak, the last flush's duration, the visitors held in memory and dropped, and the hits over
     * the per-address budget of new visitors.
     */
    public void bind(VisitCounter counter) {
        FunctionCounter.builder("bantin_counter_flushes", counter, c -> c.metrics().flushes())
                .description("Successful flushes of the visit counter to the database").register(registry);
        FunctionCounter.builder("bantin_counter_flush_failures", counter, c -> c.metrics().failedFlushes())
                .description("Flushes that failed; their deltas were kept for the next one").register(registry);
        Gauge.builder("bantin_counter_flush_failure_streak", counter, c -> c.metrics().failureStreak())
                .description("Consecutive failed flushes right now").register(registry);
        Gauge.builder("bantin_counter_last_flush_seconds", counter, c -> c.metrics().lastFlushDuration().toNanos() / 1e9)
                .description("Duration of the last successful flush").register(registry);
        Gauge.builder("bantin_counter_tracked_visitors", counter, c -> c.metrics().trackedVisitors())
                .description("Visitors held in memory").register(registry);
        Gauge.builder("bantin_counter_max_visitors", counter, c -> c.metrics().maxTrackedVisitors())
                .description("The cap on visitors held in memory (BANTIN_MAX_VISITORS, or derived from the heap)")
                .register(registry);
        FunctionCounter.builder("bantin_counter_dropped_visitors", counter, c -> c.metrics().droppedVisitors())
                .description("Visitors forgotten because the tracking cap was reached").register(registry);
        FunctionCounter.builder("bantin_visitor_budget_exceeded", counter, c -> c.metrics().overBudgetHits())
                .description("Hits counted only as page views because their address had created its hourly "
                        + "budget of new visitors").register(registry);
    }

    /**
     * Names this server: {@code bantin_node{node="web-1"} 1}, so that a scrape of several servers
     * behind one load balancer says which one answered (and joins on the label). Not
     * {@code bantin_node_info}: Micrometer's Prometheus registry drops a gauge's {@code _info}.
     *
     * @param node the node's name
     */
    public void node(String node) {
        Gauge.builder("bantin_node", () -> 1).description("This server's name (BANTIN_NODE), as a label")
                .tag("node", node).register(registry);
    }

    /** Counts one recorded hit by its outcome (e.g. {@code NEW_VISIT}, {@code BOT}). */
    public void hit(String outcome) {
        hits.computeIfAbsent(outcome, o -> Counter.builder("bantin_hits")
                .description("Hits recorded by the visit counter, by outcome")
                .tag("outcome", o.toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }

    /**
     * Records one HTTP request. Every label comes from a fixed set, whatever the client sent: a
     * series per made-up method name or path would let any client grow the registry (and the
     * scrape) without bound. Methods outside the standard ones are {@code OTHER}; the route is a
     * registered pattern (the caller passes {@code unmatched} for anything else); a status outside
     * 100..599 is {@code other}.
     *
     * @param method HTTP method as the client sent it
     * @param route the matched route pattern, or {@code unmatched}
     * @param status response status
     * @param millis time spent, in milliseconds
     */
    public void request(String method, String route, int status, double millis) {
        String m = KNOWN_METHODS.contains(method) ? method : "OTHER";
        String s = status >= 100 && status <= 599 ? Integer.toString(status) : "other";
        String key = m + ' ' + route + ' ' + s;
        http.computeIfAbsent(key, k -> Timer.builder("http_server_requests")
                .description("HTTP requests by route")
                .tags("method", m, "route", route, "status", s)
                .register(registry)).record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** The registry, to bind further meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** All meters in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
