package io.bantin.server.counting;

import io.bantin.server.http.ApiException;
import io.bantin.server.http.Cors;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/stats}, {@code GET /api/stats/daily} and {@code GET /api/stats/breakdown}: the
 * counter's figures, including hits not yet flushed. Open to the widget's origins through CORS.
 * Thread-safe.
 */
public final class StatsApi {
    /** The longest range {@code /api/stats/daily} serves, in days. */
    public static final int MAX_DAYS = 366;
    /** The most values {@code /api/stats/breakdown} lists ({@code limit}). */
    public static final int MAX_BREAKDOWN_LIMIT = 100;
    /** How many values {@code /api/stats/breakdown} lists without {@code limit}. */
    public static final int DEFAULT_BREAKDOWN_LIMIT = 10;
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

    /** The JSON of {@code /api/stats/breakdown}, in the documented order. */
    public record BreakdownJson(String dimension, String from, String to, List<ValueJson> items) {
    }

    /** One value of {@code /api/stats/breakdown}. */
    public record ValueJson(String value, long visits) {
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/api/stats", this::stats);
        routes.get("/api/stats/daily", this::daily);
        routes.get("/api/stats/breakdown", this::breakdown);
        routes.options("/api/stats", cors::preflight);
        routes.options("/api/stats/daily", cors::preflight);
        routes.options("/api/stats/breakdown", cors::preflight);
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
        LocalDate[] range = range(ctx, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid date range", errors);
        }
        LocalDate from = range[0];
        LocalDate to = range[1];
        List<DailyCount> days = counter.daily(from, to);
        ctx.header("Cache-Control", "no-store");
        ctx.json(days.stream().map(d -> new DayJson(d.date().toString(), d.visits(), d.pageViews())).toList());
    }

    /**
     * {@code from} and {@code to} with the defaults and rules of {@code /api/stats/daily}: the last 30
     * days by default, at most {@link #MAX_DAYS}; problems go into {@code errors}, by field.
     */
    private LocalDate[] range(Context ctx, Map<String, String> errors) {
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
        return new LocalDate[] {from, to};
    }

    private void breakdown(Context ctx) {
        cors.allow(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        Dimension dimension = null;
        String rawDimension = ctx.queryParam("dimension");
        if (rawDimension == null || rawDimension.isBlank()) {
            errors.put("dimension", "is required: one of " + dimensionKeys());
        } else {
            try {
                dimension = Dimension.ofKey(rawDimension.strip());
            } catch (IllegalArgumentException e) {
                errors.put("dimension", "must be one of " + dimensionKeys());
            }
        }
        LocalDate[] range = range(ctx, errors);
        int limit = DEFAULT_BREAKDOWN_LIMIT;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null && !rawLimit.isBlank()) {
            try {
                limit = Integer.parseInt(rawLimit.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_BREAKDOWN_LIMIT) {
                errors.put("limit", "must be a whole number from 1 to " + MAX_BREAKDOWN_LIMIT);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid breakdown query", errors);
        }
        List<DimensionCount> values = counter.breakdown(dimension, range[0], range[1], limit);
        ctx.header("Cache-Control", "no-store");
        ctx.json(new BreakdownJson(dimension.key(), range[0].toString(), range[1].toString(),
                values.stream().map(v -> new ValueJson(v.value(), v.visits())).toList()));
    }

    private static String dimensionKeys() {
        return Arrays.stream(Dimension.values()).map(Dimension::key).collect(Collectors.joining(", "));
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
