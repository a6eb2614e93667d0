package io.bantin.servlet.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.visit.DailyCount;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The counting routes, written once for every way bantin is mounted (server, servlet filter,
 * Javalin plugin): {@code GET /api/stats}, {@code GET /api/stats/daily}, {@code POST /api/hits},
 * their CORS preflights, and {@code GET /widget.js}. Each method reads a servlet request and
 * returns a {@link Reply} for the caller to write; nothing here knows the prefix the routes are
 * mounted under. Thread-safe.
 */
public final class CountingApi {
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

    private static final int MAX_PATH = 2000;
    private static final int MAX_SLUG = 200;
    private static final String WIDGET_TYPE = "text/javascript; charset=utf-8";
    private static final String WIDGET_CACHE = "public, max-age=300";

    private final HitRequests hits;
    private final ToLongFunction<String> articleIds;
    private final Cors cors;
    private final Clock clock;
    private final JsonWriter json;
    private final byte[] widget;
    private final String widgetTag;

    /**
     * Creates the routes.
     *
     * @param hits records hits
     * @param articleIds a published article's id by slug, 0 when there is none; must not touch a
     *     database, since it runs on every reported hit
     * @param cors the widget's CORS policy
     * @param clock for the default range of {@code /api/stats/daily}
     * @param json reads bodies and writes answers
     */
    public CountingApi(HitRequests hits, ToLongFunction<String> articleIds, Cors cors, Clock clock, JsonWriter json) {
        this.hits = Objects.requireNonNull(hits, "hits");
        this.articleIds = Objects.requireNonNull(articleIds, "articleIds");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
        this.widget = widgetScript();
        this.widgetTag = "\"" + HexFormat.of().formatHex(sha256(widget), 0, 8) + "\"";
    }

    /** The JSON of {@code /api/stats}, in the documented order. */
    public record StatsJson(long online, long today, long yesterday, long thisWeek, long thisMonth, long total,
                            String asOf, String zone) {
    }

    /** One day of {@code /api/stats/daily}. */
    public record DayJson(String date, long visits, long pageViews) {
    }

    /** {@code GET /api/stats}: the counter's figures, including hits not yet flushed. */
    public Reply stats(HttpServletRequest req) {
        Reply reply = new Reply();
        cors.allow(req, reply);
        VisitCounter counter = hits.counter();
        VisitStats s = counter.stats();
        reply.header("Cache-Control", "no-store");
        return reply.body(JsonWriter.CONTENT_TYPE, json.write(new StatsJson(s.online(), s.today(), s.yesterday(),
                s.thisWeek(), s.thisMonth(), s.total(), s.asOf().toString(), counter.zone().getId())));
    }

    /** {@code GET /api/stats/daily?from=&to=}: one entry per day, the last 30 days by default. */
    public Reply daily(HttpServletRequest req) {
        Reply reply = new Reply();
        cors.allow(req, reply);
        VisitCounter counter = hits.counter();
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(counter.zone()));
        LocalDate to = date(req, "to", today, errors);
        LocalDate from = date(req, "from", to == null ? today.minusDays(29) : to.minusDays(29), errors);
        if (errors.isEmpty()) {
            if (to.isBefore(from)) {
                errors.put("to", "must not be before from");
            } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
                errors.put("from", "the range must be at most " + MAX_DAYS + " days");
            }
        }
        if (!errors.isEmpty()) {
            return reply.error(400, "invalid date range", errors);
        }
        List<DailyCount> days = counter.daily(from, to);
        reply.header("Cache-Control", "no-store");
        return reply.body(JsonWriter.CONTENT_TYPE, json.write(
                days.stream().map(d -> new DayJson(d.date().toString(), d.visits(), d.pageViews())).toList()));
    }

    /**
     * {@code POST /api/hits}: a page view reported by a cached page or another portal, as
     * {@code {"path":"/…"}} and/or {@code {"articleSlug":"…"}}. 204 when recorded; 415, 400 or 404
     * naming the field otherwise. The article's id comes from the lookup, so a hit costs no
     * database query.
     *
     * @param req the request
     * @param body the request's body (the caller enforces its size limit)
     * @param editor whether the request comes from a logged-in editor, whose views are excluded
     */
    public Reply hit(HttpServletRequest req, Supplier<byte[]> body, BooleanSupplier editor) {
        Reply reply = new Reply();
        cors.allow(req, reply);
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            return reply.error(415, "content type must be application/json",
                    Map.of("Content-Type", type == null ? "missing" : type));
        }
        JsonNode node;
        try {
            node = json.tree(body.get());
        } catch (JacksonException e) {
            return reply.error(400, "malformed JSON", Map.of("body", "not valid JSON"));
        } catch (IOException e) {
            return reply.error(400, "malformed JSON", Map.of("body", "could not be read"));
        }
        if (node == null || !node.isObject()) {
            return reply.error(400, "malformed JSON", Map.of("body", "must be a JSON object"));
        }
        for (String field : List.of("path", "articleSlug")) {
            JsonNode v = node.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return reply.error(400, "invalid request", Map.of(field, "must be a string"));
            }
        }
        String path = text(node, "path");
        String slug = text(node, "articleSlug");
        Map<String, String> errors = new LinkedHashMap<>();
        if (path == null && slug == null) {
            errors.put("path", "path or articleSlug is required");
            errors.put("articleSlug", "path or articleSlug is required");
        }
        if (path != null && (path.isEmpty() || path.length() > MAX_PATH || !path.startsWith("/"))) {
            errors.put("path", "must start with / and be at most " + MAX_PATH + " characters");
        }
        if (slug != null && (slug.isBlank() || slug.length() > MAX_SLUG)) {
            errors.put("articleSlug", "must be a slug of at most " + MAX_SLUG + " characters");
        }
        if (!errors.isEmpty()) {
            return reply.error(400, "invalid hit", errors);
        }
        long articleId = 0;
        if (slug != null) {
            articleId = articleIds.applyAsLong(slug);
            if (articleId <= 0) {
                return reply.error(404, "no such article", Map.of("articleSlug", "no published article has this slug"));
            }
        }
        hits.record(req, path != null ? path : "/articles/" + slug, articleId, editor);
        return reply.status(204);
    }

    /** The CORS preflight of any counting route. */
    public Reply preflight(HttpServletRequest req) {
        return cors.preflight(req);
    }

    /**
     * {@code GET /widget.js}: the script a page includes to report its view and show the stats box.
     * It calls the routes next to its own address, so it works under any prefix. Cached five
     * minutes; 304 when the client's ETag is current.
     */
    public Reply widget(HttpServletRequest req) {
        Reply reply = new Reply();
        cors.allow(req, reply);
        reply.header("Cache-Control", WIDGET_CACHE);
        reply.header("ETag", widgetTag);
        if (widgetTag.equals(req.getHeader("If-None-Match"))) {
            return reply.status(304);
        }
        return reply.body(WIDGET_TYPE, widget.clone());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static LocalDate date(HttpServletRequest req, String name, LocalDate fallback, Map<String, String> errors) {
        String raw = req.getParameter(name);
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

    private static byte[] widgetScript() {
        try (InputStream in = CountingApi.class.getResourceAsStream("widget.js")) {
            if (in == null) {
                throw new IllegalStateException("widget.js is missing from bantin-servlet's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
