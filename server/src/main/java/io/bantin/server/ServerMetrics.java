package io.bantin.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server's Micrometer registry, exposed in Prometheus text at {@code /metrics}: hits by
 * outcome, the counter's flushes (count, failures, duration) and HTTP timings per route.
 * Meters are looked up once and cached, so the request path only increments. Thread-safe.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Counter> hits = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> http = new ConcurrentHashMap<>();
    private final Timer flushes;
    private final Counter flushFailures;

    /** Creates the registry and its fixed meters. */
    public ServerMetrics() {
        this.flushes = Timer.builder("bantin_counter_flush")
                .description("Writes of the visit counter's deltas to the database")
                .register(registry);
        this.flushFailures = Counter.builder("bantin_counter_flush_failures")
                .description("Flushes that failed; their deltas were kept for the next one")
                .register(registry);
    }

    /** Counts one recorded hit by its outcome (e.g. {@code NEW_VISIT}, {@code BOT}). */
    public void hit(String outcome) {
        hits.computeIfAbsent(outcome, o -> Counter.builder("bantin_hits")
                .description("Hits recorded by the visit counter, by outcome")
                .tag("outcome", o.toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }

    /** Records a flush that took this long. */
    public void flushed(Duration took) {
        flushes.record(took);
    }

    /** Counts a failed flush. */
    public void flushFailed() {
        flushFailures.increment();
    }

    /**
     * Records one HTTP request.
     *
     * @param method HTTP method
     * @param route the matched route pattern (not the raw path, to keep the label set small)
     * @param status response status
     * @param millis time spent, in milliseconds
     */
    public void request(String method, String route, int status, double millis) {
        String key = method + ' ' + route + ' ' + status;
        http.computeIfAbsent(key, k -> Timer.builder("http_server_requests")
                .description("HTTP requests by route")
                .tags("method", method, "route", route, "status", Integer.toString(status))
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
