package io.bantin.server.counting;

import io.bantin.server.http.ApiException;
import io.bantin.server.http.Cors;
import io.bantin.visit.DailyCount;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/stats} and {@code GET /api/stats/daily}: the counter's figures, including hits
 * not yet flushed. Open to the widget's origins through CORS. Thread-safe.
 */
public final class StatsApi {
    /** The longest range {@code /api/stats/daily} serves, in days. */
    public static final int MAX_DAYS = 366;
    /**
     * The earliest date {@code from} and {@code to} may name. LocalDate parses years up to nine
     * digits either side of zero, where the arithmetic of a default range overflows: dates are
     * bounded first, so everything after works on ordinary days.
     */
    public static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 1);
    /** The latest date {@code from} and {@code to} may name. */
    public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    private final VisitCounter counter;
    private final Cors cors;
    private final Clock clock;

    /**
     * Creates the routes.
     *
     * @param counter the visit counter
     * @param cors the widget's CORS policy
     * @param clock for the default range
     */
    public StatsApi(VisitCounter counter, Cors cors, Clock clock) {
        this.counter = counter;
        this.cors = cors;
        this.clock = clock;
    }

    /** The JSON of {@code /api/stats}, in the documented order. */
    public record StatsJson(long online, long today, long yesterday, long thisWeek, long thisMonth, long total,
                            String asOf, String zone) {
    }

    /** One day of {@code /api/stats/daily}. */
    public record DayJson(String date, long visits, long pageViews) {
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/api/stats", this::stats);
        routes.get("/api/stats/daily", this::daily);
        routes.options("/api/stats", cors::preflight);
        routes.options("/api/stats/daily", cors::preflight);
    }

    private void stats(Context ctx) {
        cors.allow(ctx);
        VisitStats s = counter.stats();
        ctx.header("Cache-Control", "no-store");
        ctx.json(new StatsJson(s.online(), s.today(), s.yesterday(), s.thisWeek(), s.thisMonth(), s.total(),
                s.asOf().toString(), counter.zone().getId()));
    }

    private void daily(Context ctx) {
        cors.allow(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(counter.zone()));
        LocalDate to = date(ctx, "to", today, errors);
        LocalDate from = date(ctx, "from", to == null ? today.minusDays(29) : to.minusDays(29), errors);
        if (errors.isEmpty()) {
            if (to.isBefore(from)) {
                errors.put("to", "must not be before from");
            } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
                errors.put("from", "the range must be at most " + MAX_DAYS + " days");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid date range", errors);
        }
        List<DailyCount> days = counter.daily(from, to);
        ctx.header("Cache-Control", "no-store");
        ctx.json(days.stream().map(d -> new DayJson(d.date().toString(), d.visits(), d.pageViews())).toList());
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback, Map<String, String> errors) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.put(name, "must be a date such as 2026-11-27");
            return null;
        }
        if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
            errors.put(name, "must be a date from " + MIN_DATE + " to " + MAX_DATE);
            return null;
        }
        return date;
    }
}
