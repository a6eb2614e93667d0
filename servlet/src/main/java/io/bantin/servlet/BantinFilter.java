package io.bantin.servlet;

import io.bantin.servlet.internal.CountingApi;
import io.bantin.servlet.internal.Cors;
import io.bantin.servlet.internal.HitRequests;
import io.bantin.servlet.internal.JsonWriter;
import io.bantin.servlet.internal.PageRule;
import io.bantin.servlet.internal.Reply;
import io.bantin.visit.ClientAddresses;
import io.bantin.visit.ForwardedHeader;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A Jakarta Servlet filter that counts a portal's pages with a {@link VisitCounter} and serves
 * bantin's counting routes under a prefix (default {@code /bantin}):
 * <ul>
 *   <li>{@code GET {prefix}/api/stats} and {@code GET {prefix}/api/stats/daily?from=&to=}: the
 *       figures, in the JSON of bantin's server;</li>
 *   <li>{@code POST {prefix}/api/hits} with {@code {"path":"/…"}} or {@code {"articleSlug":"…"}}:
 *       a view reported by a cached page; errors as {@code {"error":"…","details":{…}}};</li>
 *   <li>{@code GET {prefix}/widget.js}: the script that reports a view and fills
 *       {@code <div data-bantin-stats></div>} with the stats box, calling the routes next to it.</li>
 * </ul>
 *
 * <p>A page is counted after the application answered it: a {@code GET} whose status is 2xx and
 * whose {@code Content-Type} is {@code text/html}, outside the prefix, the excluded paths and the
 * usual static files ({@code .css}, {@code .js}, images, fonts…). Bots are tallied as bots by the
 * counter; prefetches, prerenders and previews and an editor's own views count as excluded. An
 * article page names its article by setting the request attribute {@link #ARTICLE_ID}. The client's
 * address is the socket's peer unless that is a trusted proxy ({@link ClientAddresses}).
 *
 * <p>Counting never fails a request: a counter that throws is logged (the first failure as a
 * warning, the rest at debug level, never with a stack trace) and the page is served as the
 * application wrote it. Thread-safe; one instance serves all requests.
 */
public final class BantinFilter implements Filter {
    /**
     * The request attribute an article page sets to its article's id (a {@link Number}), so the
     * view counts for the article too.
     */
    public static final String ARTICLE_ID = "io.bantin.articleId";

    /** Bodies of {@code POST /api/hits} above this size are refused with 413, as by bantin's server. */
    static final int MAX_BODY = 1024 * 1024;

    private final String prefix;
    private final PageRule pages;
    private final Predicate<HttpServletRequest> editors;
    private final HitRequests hits;
    private final CountingApi api;
    private final JsonWriter json;

    private BantinFilter(Builder b, PageRule pages) {
        this.prefix = b.prefix;
        this.pages = pages;
        this.editors = b.editors;
        this.json = new JsonWriter();
        this.hits = new HitRequests(b.counter, ClientAddresses.trusting(b.trustedProxies, b.forwardedHeader), b.onHit);
        this.api = new CountingApi(hits, b.articleIds, new Cors(b.corsOrigins), b.clock, json);
    }

    /**
     * Starts a filter for the counter.
     *
     * @param counter the visit counter the pages count in
     * @return a builder
     * @throws NullPointerException when the counter is {@code null}
     */
    public static Builder builder(VisitCounter counter) {
        return new Builder(Objects.requireNonNull(counter, "counter"));
    }

    /** The prefix the counting routes are served under, e.g. {@code /bantin}; empty for the root. */
    public String prefix() {
        return prefix;
    }

    /** Serves the counting routes, or lets the application answer and counts the page after it. */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        String path = pathInContext(req);
        if (path.startsWith(prefix + "/") && serve(path.substring(prefix.length()), req, res)) {
            return;
        }
        boolean candidate = pages.mayCount(req.getMethod(), path);
        chain.doFilter(request, response);
        if (!candidate) {
            return;
        }
        if (req.isAsyncStarted()) {
            // The status and content type are known only when the asynchronous answer completes.
            req.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    countIfPage(req, res);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            return;
        }
        countIfPage(req, res);
    }

    private void countIfPage(HttpServletRequest req, HttpServletResponse res) {
        if (!PageRule.isPage(res.getStatus(), res.getContentType())) {
            return;
        }
        hits.record(req, req.getRequestURI(), articleId(req), () -> editors.test(req));
    }

    private static long articleId(HttpServletRequest req) {
        return req.getAttribute(ARTICLE_ID) instanceof Number n ? n.longValue() : 0;
    }

    /** Answers one of the counting routes; {@code false} when the path is none of them. */
    private boolean serve(String route, HttpServletRequest req, HttpServletResponse res) throws IOException {
        String method = req.getMethod();
        boolean get = "GET".equals(method) || "HEAD".equals(method);
        boolean options = "OPTIONS".equals(method);
        boolean post = "POST".equals(method);
        String allow;
        Reply reply;
        switch (route) {
            case "/api/stats" -> {
                allow = "GET, HEAD, OPTIONS";
                reply = get ? api.stats(req) : options ? api.preflight(req) : null;
            }
            case "/api/stats/daily" -> {
                allow = "GET, HEAD, OPTIONS";
                reply = get ? api.daily(req) : options ? api.preflight(req) : null;
            }
            case "/api/hits" -> {
                allow = "POST, OPTIONS";
                if (post) {
                    reply = hit(req, res);
                    if (reply == null) {
                        return true;
                    }
                } else {
                    reply = options ? api.preflight(req) : null;
                }
            }
            case "/widget.js" -> {
                allow = "GET, HEAD";
                reply = get ? api.widget(req) : null;
            }
            default -> {
                return false;
            }
        }
        if (reply == null) {
            res.setHeader("Allow", allow);
            writeError(res, 405, "method not allowed", Map.of("method", method));
            return true;
        }
        reply.writeTo(res, json);
        return true;
    }

    private Reply hit(HttpServletRequest req, HttpServletResponse res) throws IOException {
        byte[] body = req.getContentLengthLong() > MAX_BODY ? null : readBody(req);
        if (body == null) {
            writeError(res, 413, "request body too large (limit 1 MiB)", Map.of());
            return null;
        }
        return api.hit(req, () -> body, () -> editors.test(req));
    }

    /** The body, or {@code null} when it is longer than {@link #MAX_BODY}. */
    private static byte[] readBody(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY) {
                    return null;
                }
            }
            return out.toByteArray();
        }
    }

    private void writeError(HttpServletResponse res, int status, String error, Map<String, String> details)
            throws IOException {
        byte[] bytes = json.error(error, details);
        res.setStatus(status);
        res.setContentType(JsonWriter.CONTENT_TYPE);
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    /** The path inside the web application: the request's path without the context path. */
    private static String pathInContext(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String context = req.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /**
     * Configures a {@link BantinFilter}. Each option may be set once; {@link #build()} checks them
     * and names a bad value. Not thread-safe.
     */
    public static final class Builder {
        private final VisitCounter counter;
        private String prefix = "/bantin";
        private Collection<String> trustedProxies = List.of();
        private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        private final List<String> excludedPaths = new ArrayList<>();
        private ToLongFunction<String> articleIds = slug -> 0;
        private Predicate<HttpServletRequest> editors = req -> false;
        private Collection<String> corsOrigins = List.of();
        private Clock clock = Clock.systemUTC();
        private Consumer<HitOutcome> onHit = outcome -> { };
        private final Set<String> set = new HashSet<>();

        private Builder(VisitCounter counter) {
            this.counter = counter;
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new IllegalStateException(option + " was already set");
            }
        }

        /**
         * The path the counting routes are served under: {@code /bantin} by default, so
         * {@code /bantin/api/stats} and {@code /bantin/widget.js}; {@code ""} serves them at the root
         * as bantin's server does. Starts with {@code /} and does not end with one.
         */
        public Builder prefix(String prefix) {
            once("prefix");
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Networks of the reverse proxies whose forwarding header is believed, such as
         * {@code 10.0.0.0/8} or {@code ::1}; default none, so the socket's peer is the client.
         */
        public Builder trustedProxies(Collection<String> networks) {
            once("trustedProxies");
            this.trustedProxies = List.copyOf(networks);
            return this;
        }

        /** The header the trusted proxies write; default {@code X-Forwarded-For}. */
        public Builder forwardedHeader(ForwardedHeader header) {
            once("forwardedHeader");
            this.forwardedHeader = Objects.requireNonNull(header, "forwardedHeader");
            return this;
        }

        /**
         * Paths whose pages are never counted, with everything below them: {@code /admin} excludes
         * {@code /admin} and {@code /admin/users}, not {@code /administration}. Paths are inside the
         * web application (without its context path). Default none.
         */
        public Builder excludedPaths(Collection<String> paths) {
            once("excludedPaths");
            this.excludedPaths.addAll(paths);
            return this;
        }

        /**
         * A published article's id by slug, 0 when there is none, for {@code POST /api/hits} with an
         * {@code articleSlug}; it runs on every reported hit, so it should not query a database.
         * Default: no article is known, and such a hit is answered 404.
         */
        public Builder articleIds(ToLongFunction<String> slugToId) {
            once("articleIds");
            this.articleIds = Objects.requireNonNull(slugToId, "articleIds");
            return this;
        }

        /** Whether a request comes from one of the site's editors, whose own views are excluded; default none does. */
        public Builder editors(Predicate<HttpServletRequest> isEditor) {
            once("editors");
            this.editors = Objects.requireNonNull(isEditor, "editors");
            return this;
        }

        /**
         * Origins whose pages may call the counting routes (the widget on another site); {@code "*"}
         * allows any. Default none: same-origin only. Credentials are never allowed.
         */
        public Builder corsOrigins(Collection<String> origins) {
            once("corsOrigins");
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /** The clock for the default range of {@code /api/stats/daily}; default the system's, in UTC. */
        public Builder clock(Clock clock) {
            once("clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told what the counter did with each hit (e.g. to count outcomes in metrics); must not throw. */
        public Builder onHit(Consumer<HitOutcome> listener) {
            once("onHit");
            this.onHit = Objects.requireNonNull(listener, "onHit");
            return this;
        }

        /**
         * Builds the filter.
         *
         * @throws IllegalArgumentException naming the value when the prefix, an excluded path, a
         *     trusted network or an origin is malformed
         */
        public BantinFilter build() {
            PageRule pages = new PageRule(prefix, excludedPaths);
            for (String origin : corsOrigins) {
                if (origin == null || origin.isBlank()) {
                    throw new IllegalArgumentException("CORS origin \"" + origin + "\" must not be blank");
                }
            }
            return new BantinFilter(this, pages);
        }
    }
}
