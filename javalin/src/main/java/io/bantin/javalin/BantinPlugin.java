package io.bantin.javalin;

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
import io.javalin.config.JavalinState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A Javalin 7 plugin that counts an application's pages with a {@link VisitCounter} and mounts
 * bantin's counting routes, by default where bantin's server has them:
 * {@code GET /api/stats}, {@code GET /api/stats/daily}, {@code POST /api/hits} (with their CORS
 * preflights) and {@code GET /widget.js}, with the server's JSON, rules and errors.
 *
 * <pre>{@code
 * Javalin.create(cfg -> cfg.registerPlugin(new BantinPlugin(bantin -> bantin
 *         .counter(counter)
 *         .prefix("/bantin")
 *         .excludedPaths(List.of("/admin")))));
 * }</pre>
 *
 * <p>Pages are counted after they were answered, as by the servlet filter: a {@code GET} answered
 * 2xx with {@code text/html}, outside the prefix, the excluded paths and static files. An article
 * page names its article with {@code ctx.attribute(BantinPlugin.ARTICLE_ID, id)}. Bots are tallied
 * as bots by the counter; prefetches, previews and editors' own views count as excluded; the client
 * is the socket's peer unless that is a trusted proxy. Counting never fails a request: a counter
 * that throws is logged once as a warning and the page is served. Thread-safe once built.
 */
public final class BantinPlugin extends Plugin<BantinPlugin.Config> {
    /** The context attribute an article page sets to its article's id (a {@link Number}). */
    public static final String ARTICLE_ID = "io.bantin.articleId";

    private final PageRule pages;
    private final HitRequests hits;
    private final CountingApi api;
    private final JsonWriter json = new JsonWriter();
    private final Predicate<Context> editors;
    private final boolean countPages;

    /**
     * Creates the plugin; the configuration is read and checked here, once.
     *
     * @param config sets the options; {@link Config#counter} is required
     * @throws IllegalArgumentException naming the value when an option is malformed
     * @throws NullPointerException when no counter was given
     */
    public BantinPlugin(Consumer<Config> config) {
        super(config, new Config());
        Config c = pluginConfig;
        Objects.requireNonNull(c.counter, "counter");
        this.pages = new PageRule(c.prefix, c.excludedPaths);
        this.editors = c.editors;
        this.countPages = c.countPages;
        this.hits = new HitRequests(c.counter, ClientAddresses.trusting(c.trustedProxies, c.forwardedHeader), c.onHit);
        this.api = new CountingApi(hits, c.articleIds, new Cors(c.corsOrigins), c.clock, json);
    }

    /** Registers the routes and, unless turned off, the after-handler that counts pages. */
    @Override
    public void onStart(JavalinState state) {
        RoutesConfig routes = state.routes;
        String p = pages.prefix();
        routes.get(p + "/api/stats", ctx -> write(ctx, api.stats(ctx.req())));
        routes.get(p + "/api/stats/daily", ctx -> write(ctx, api.daily(ctx.req())));
        routes.options(p + "/api/stats", ctx -> write(ctx, api.preflight(ctx.req())));
        routes.options(p + "/api/stats/daily", ctx -> write(ctx, api.preflight(ctx.req())));
        routes.post(p + "/api/hits", ctx -> write(ctx, api.hit(ctx.req(), ctx::bodyAsBytes, () -> editors.test(ctx))));
        routes.options(p + "/api/hits", ctx -> write(ctx, api.preflight(ctx.req())));
        routes.get(p + "/widget.js", ctx -> write(ctx, api.widget(ctx.req())));
        if (countPages) {
            routes.after(ctx -> {
                if (pages.mayCount(ctx.method().name(), ctx.path())
                        && PageRule.isPage(ctx.statusCode(), ctx.res().getContentType())) {
                    count(ctx, ctx.path(), ctx.attribute(ARTICLE_ID) instanceof Number n ? n.longValue() : 0);
                }
            });
        }
    }

    /** {@code "bantin"}. */
    @Override
    public String name() {
        return "bantin";
    }

    /**
     * Counts one page view of this request now, by the plugin's rules (client address, User-Agent,
     * prefetches and editors excluded), for routes that count themselves (with page counting off).
     * Never throws.
     *
     * @param ctx the request
     * @param path the page's path
     * @param articleId the article's id, or 0 for none
     * @return what the counter did, or {@code null} when counting failed (logged)
     */
    public HitOutcome count(Context ctx, String path, long articleId) {
        return hits.record(ctx.req(), path, articleId, () -> editors.test(ctx));
    }

    private void write(Context ctx, Reply reply) {
        ctx.status(reply.status());
        reply.headers().forEach(ctx::header);
        if (reply.isError()) {
            ctx.contentType(JsonWriter.CONTENT_TYPE);
            ctx.result(json.error(reply.error(), reply.details()));
        } else if (reply.body() != null) {
            ctx.contentType(reply.contentType());
            ctx.result(reply.body());
        }
    }

    /**
     * The plugin's options, set in the consumer given to {@link BantinPlugin#BantinPlugin}. Not
     * thread-safe; read once when the plugin is created.
     */
    public static final class Config {
        private VisitCounter counter;
        private String prefix = "";
        private Collection<String> trustedProxies = List.of();
        private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        private Collection<String> excludedPaths = List.of();
        private ToLongFunction<String> articleIds = slug -> 0;
        private Predicate<Context> editors = ctx -> false;
        private Collection<String> corsOrigins = List.of();
        private Clock clock = Clock.systemUTC();
        private Consumer<HitOutcome> onHit = outcome -> { };
        private boolean countPages = true;

        Config() {
        }

        /** The visit counter pages count in; required. The plugin never closes it. */
        public Config counter(VisitCounter counter) {
            this.counter = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /**
         * The path the routes are mounted under: {@code ""} by default ({@code /api/stats},
         * {@code /widget.js}), or e.g. {@code /bantin}. Starts with {@code /} and does not end with one.
         */
        public Config prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Networks of the reverse proxies whose forwarding header is believed; default none. */
        public Config trustedProxies(Collection<String> networks) {
            this.trustedProxies = List.copyOf(networks);
            return this;
        }

        /** The header the trusted proxies write; default {@code X-Forwarded-For}. */
        public Config forwardedHeader(ForwardedHeader header) {
            this.forwardedHeader = Objects.requireNonNull(header, "forwardedHeader");
            return this;
        }

        /** Paths never counted, with everything below them ({@code /admin}: also {@code /admin/x}); default none. */
        public Config excludedPaths(Collection<String> paths) {
            this.excludedPaths = List.copyOf(paths);
            return this;
        }

        /**
         * A published article's id by slug, 0 when there is none, for {@code POST /api/hits} with an
         * {@code articleSlug}; runs on every reported hit, so it should not query a database.
         * Default: none is known (404).
         */
        public Config articleIds(ToLongFunction<String> slugToId) {
            this.articleIds = Objects.requireNonNull(slugToId, "articleIds");
            return this;
        }

        /** Whether a request comes from one of the site's editors, whose own views are excluded; default none does. */
        public Config editors(Predicate<Context> isEditor) {
            this.editors = Objects.requireNonNull(isEditor, "editors");
            return this;
        }

        /** Origins allowed to call the routes from their pages; {@code "*"} any; default none. */
        public Config corsOrigins(Collection<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /** The clock for the default range of {@code /api/stats/daily}; default the system's, in UTC. */
        public Config clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told what the counter did with each hit (e.g. metrics by outcome); must not throw. */
        public Config onHit(Consumer<HitOutcome> listener) {
            this.onHit = Objects.requireNonNull(listener, "onHit");
            return this;
        }

        /**
         * Whether every HTML page is counted after it is answered; default {@code true}. Off, only
         * the routes are mounted and the application counts the pages it chooses with
         * {@link BantinPlugin#count}.
         */
        public Config countPages(boolean countPages) {
            this.countPages = countPages;
            return this;
        }
    }
}
